import Foundation

// On Ctrl-C say what happens to the work; the next run recovers the interrupted build.
signal(SIGINT) { _ in
    let message = "\ninterrupted; nothing partial is recorded or left looking finished, and the next run (or merge into the same folder) removes the partial files\n"
    _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    _exit(130)
}

let console = Console()
exit(Pedigree.main(Array(CommandLine.arguments.dropFirst()), console: console))
