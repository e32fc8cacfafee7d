/// Every verb, in the order `pedigree --help` lists them. Each command lives in its own file.
let allCommands: [any Command.Type] = [
    InspectCommand.self,
    HashCommand.self,
    SynthesizeCommand.self,
    CheckCommand.self,
    PlanCommand.self,
    RunCommand.self,
    MergeCommand.self,
]
