import Foundation

let console = Console()
exit(Pedigree.main(Array(CommandLine.arguments.dropFirst()), console: console))
