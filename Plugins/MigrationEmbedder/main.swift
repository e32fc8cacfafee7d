// MigrationEmbedder OUTPUT.swift MIGRATION.sql...
//
// Writes a Swift file that defines `Migration.embedded`: one `Migration` per input file, in
// version order, holding the file's exact bytes. File names must be `NNNN_name.sql` with
// versions 1, 2, 3... and no gaps, because the version becomes `PRAGMA user_version`.
// The EmbedMigrations build-tool plugin runs this on every build of the Lineage module.
import Foundation

/// Prints `message` as a compiler-style error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    fail("usage: MigrationEmbedder OUTPUT.swift MIGRATION.sql...")
}
let inputPaths = arguments.dropFirst().sorted {
    URL(fileURLWithPath: $0).lastPathComponent < URL(fileURLWithPath: $1).lastPathComponent
}
if inputPaths.isEmpty {
    fail("no migrations given; add migrations/0001_initial.sql at the package root")
}

var source = """
    // Generated at build time by MigrationEmbedder from migrations/*.sql. Do not edit.

    extension Migration {
        /// Every migration in the package's migrations/ folder, in version order, with the
        /// exact bytes of its file.
        static let embedded: [Migration] = [

    """

for (index, path) in inputPaths.enumerated() {
    let fileName = URL(fileURLWithPath: path).lastPathComponent
    let expectedVersion = index + 1
    let prefix = fileName.prefix(while: { $0.isASCII && $0.isNumber })
    guard prefix.count == 4, let version = Int(prefix), fileName.dropFirst(4).first == "_" else {
        fail("\(path): migration file name must be NNNN_name.sql, for example 0001_initial.sql")
    }
    guard version == expectedVersion else {
        fail("\(path): expected migration version \(expectedVersion) here; versions must run 1, 2, 3... without gaps or repeats")
    }
    guard let bytes = FileManager.default.contents(atPath: path) else {
        fail("\(path): cannot read the file")
    }
    guard String(validating: bytes, as: UTF8.self) != nil else {
        fail("\(path): the file is not valid UTF-8; save it as UTF-8")
    }

    source += "        Migration(version: \(version), fileName: \"\(fileName)\", bytes: [\n"
    for start in stride(from: 0, to: bytes.count, by: 16) {
        let line = bytes[start..<min(start + 16, bytes.count)]
            .map { "0x" + String($0, radix: 16, uppercase: false).leftPadded(to: 2) }
            .joined(separator: ", ")
        source += "            \(line),\n"
    }
    source += "        ]),\n"
}
source += "    ]\n}\n"

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    fail("\(outputPath): cannot write the generated file: \(error)")
}
