import ArgumentParser

/// `corridor demo`: the README's first command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Run the demo.")
}
