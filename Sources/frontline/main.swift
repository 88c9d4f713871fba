import ArgumentParser
import FrontlineAPI

/// The `frontline` command. Each subcommand lives in its own file.
struct Frontline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Turns news reports about an armed conflict into structured, sourced data.",
        version: FrontlineVersion.string,
        subcommands: [
            ServeCommand.self,
            IngestCommand.self,
            ReextractCommand.self,
            CheckCommand.self,
            BackupCommand.self,
            BenchCommand.self,
            ExtractCommand.self,
            EvalCommand.self,
        ])
}

Frontline.main()
