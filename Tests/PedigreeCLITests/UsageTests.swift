import XCTest

final class UsageTests: XCTestCase {
    func testUnknownCommandSuggestsNearest() throws {
        let result = try CLI.run(["inspct", "x"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "error: unknown command inspct; did you mean inspect?\nrun 'pedigree --help' for the list of commands\n")
    }

    func testUnknownOptionSuggestsNearest() throws {
        let result = try CLI.run(["hash", "x", "--file"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertEqual(result.stderr, """
            error: unknown option --file; did you mean --files?
            usage: pedigree hash PATH [--files] [--json] [--threads N]

            """)
    }

    func testMissingArgumentIsUsageError() throws {
        let result = try CLI.run(["inspect"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertEqual(result.stderr, """
            error: inspect takes 1 argument (PATH); got 0
            usage: pedigree inspect PATH [--json] [--threads N]

            """)
    }

    func testBadNumberIsUsageError() throws {
        let result = try CLI.run(["hash", "x", "--threads", "zero"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.stderr.hasPrefix("error: --threads takes a whole number of at least 1; got \"zero\"\n"), result.stderr)
    }

    func testVersionAndHelp() throws {
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.exitCode, 0)
        XCTAssertTrue(version.stdout.hasPrefix("pedigree "))

        let help = try CLI.run(["--help"])
        XCTAssertEqual(help.exitCode, 0)
        XCTAssertTrue(help.stdout.contains("  inspect "))
        XCTAssertTrue(help.stdout.contains("  hash "))

        let verbHelp = try CLI.run(["hash", "--help"])
        XCTAssertEqual(verbHelp.exitCode, 0)
        XCTAssertTrue(verbHelp.stdout.hasPrefix("usage: pedigree hash PATH [--files] [--json] [--threads N]\n"))
    }

    func testNoArgumentsPrintsOverviewAndExits64() throws {
        let result = try CLI.run([])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.stderr.contains("usage: pedigree COMMAND"))
    }
}
