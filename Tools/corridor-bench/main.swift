print("corridor-bench")
