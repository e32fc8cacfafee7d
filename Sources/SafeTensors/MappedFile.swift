#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file. The mapping lives as long as this object.
///
/// NOTE: if another process truncates the file while it is mapped, reading the lost pages
/// raises SIGBUS; Pedigree assumes its inputs are not rewritten while it reads them.
public final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never changes after init.
    public let path: String
    public let size: Int
    private let base: UnsafeRawPointer?

    /// Maps `path` read-only. An empty file gives an empty buffer without a mapping. A path
    /// that is not a regular file throws EISDIR for a directory and EINVAL otherwise.
    public init(path: String) throws(SystemCallError) {
        self.path = path
        // O_NONBLOCK keeps open from waiting for a writer when the path is a FIFO; it does not
        // change how a regular file is read.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SystemCallError(call: "fstat", path: path, errno: errno) }
        let fileType = status.st_mode & S_IFMT
        guard fileType == S_IFREG else {
            throw SystemCallError(call: "open", path: path, errno: fileType == S_IFDIR ? EISDIR : EINVAL)
        }
        size = Int(status.st_size)
        if size == 0 {
            base = nil
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw SystemCallError(call: "mmap", path: path, errno: errno)
        }
        base = UnsafeRawPointer(address)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    /// The mapped bytes. The buffer must not escape the closure.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: size))
    }

    /// Tells the kernel that `range` will be read soon (or, with `willNeed: false`, not again),
    /// so it can read ahead or drop those pages from this process.
    public func advise(_ range: Range<Int>, willNeed: Bool) {
        guard let base, !range.isEmpty else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / pageSize * pageSize
        let length = range.upperBound - start
        madvise(UnsafeMutableRawPointer(mutating: base + start), length, willNeed ? MADV_WILLNEED : MADV_DONTNEED)
    }
}

/// A failed system call on a file, with the errno text.
public struct SystemCallError: Error, CustomStringConvertible, Sendable {
    public var call: String
    public var path: String
    public var errno: Int32

    public init(call: String, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(call) failed for \(path): \(String(cString: strerror(errno)))"
    }
}
