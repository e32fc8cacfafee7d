/// Every verb, in the order `pedigree --help` lists them. Each command lives in its own file.
let allCommands: [any Command.Type] = [
    InspectCommand.self,
    HashCommand.self,
    CheckCommand.self,
    MergeCommand.self,
    InitCommand.self,
    PlanCommand.self,
    RunCommand.self,
    StatusCommand.self,
    VerifyCommand.self,
    RebuildCommand.self,
    ExportLockCommand.self,
    SynthesizeCommand.self,
    DemoCommand.self,
]
