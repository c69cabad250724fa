/// Placeholder: the ISO 20022 models are being written.
enum ISO20022Placeholder {}
