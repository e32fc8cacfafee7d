#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a hidden temporary name (`.NAME.partial`) in its final directory,
/// then made durable and renamed into place by `commit()`, so readers never see a partial
/// file under the final name. Not thread-safe except `write`, which may run on many threads
/// at once for disjoint ranges.
final class PartialFile: @unchecked Sendable {
    // @unchecked: the descriptor is fixed between init and commit/remove, and pwrite is
    // thread-safe; callers never overlap write with commit or remove.
    let temporaryPath: String
    let finalPath: String
    private var descriptor: Int32

    /// Creates (or truncates a stale) temporary file and sizes it to `size` bytes with
    /// ftruncate, which leaves unwritten ranges as zeros without allocating them.
    init(directory: String, fileName: String, size: Int) throws(SystemCallError) {
        temporaryPath = PartialFile.join(directory, ".\(fileName).partial")
        finalPath = PartialFile.join(directory, fileName)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: temporaryPath, errno: errno) }
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            let error = SystemCallError(call: "ftruncate", path: temporaryPath, errno: errno)
            remove()
            throw error
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Writes all of `bytes` at `offset`. A short write is continued, so running out of
    /// space surfaces as the ENOSPC of the next call; EINTR is retried.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SystemCallError) {
        var done = 0
        while done < bytes.count {
            let result = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemCallError(call: "pwrite", path: temporaryPath, errno: errno)
            }
            // NOTE: pwrite returning 0 for a non-empty request is not expected on a regular
            // file; it is reported as EIO rather than retried forever.
            guard result > 0 else { throw SystemCallError(call: "pwrite", path: temporaryPath, errno: EIO) }
            done += result
        }
    }

    /// Flushes the file to disk, closes it and renames it to its final name. The caller
    /// fsyncs the directory afterwards to make the rename durable.
    func commit() throws(SystemCallError) {
        guard fsync(descriptor) == 0 else { throw SystemCallError(call: "fsync", path: temporaryPath, errno: errno) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw SystemCallError(call: "close", path: temporaryPath, errno: errno) }
        guard rename(temporaryPath, finalPath) == 0 else {
            throw SystemCallError(call: "rename", path: temporaryPath, errno: errno)
        }
    }

    /// Closes the file if open and deletes the temporary file (ignoring a missing one).
    func remove() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
    }

    /// Flushes a directory's entries to disk, so renames into it survive a crash.
    static func syncDirectory(_ directory: String) throws(SystemCallError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: directory, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SystemCallError(call: "fsync", path: directory, errno: errno) }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
