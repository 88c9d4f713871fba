import ArgumentParser
import FrontlineAPI

struct Frontline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Turns news reports about an armed conflict into structured, sourced data.",
        version: FrontlineVersion.string,
        subcommands: [CheckCommand.self, BackupCommand.self, BenchCommand.self])
}

Frontline.main()
