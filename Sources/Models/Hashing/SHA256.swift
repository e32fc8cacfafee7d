import CCrypto

/// An incremental SHA-256 digest over libcrypto's EVP interface.
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    public init() {
        // EVP_MD_CTX_new returns nil only when it cannot allocate memory.
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        self.context = context
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public mutating func update(_ text: String) {
        var copy = text
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Returns the 32-byte digest and consumes the hasher.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        digest.withUnsafeMutableBufferPointer { buffer in
            _ = EVP_DigestFinal_ex(context, buffer.baseAddress, &length)
        }
        return digest
    }

    /// Returns the lowercase hexadecimal digest and consumes the hasher.
    public consuming func finalizeHex() -> String {
        hexString(finalize())
    }

    /// Computes the lowercase hexadecimal SHA-256 of `bytes`.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Computes the lowercase hexadecimal SHA-256 of the UTF-8 bytes of `text`.
    public static func hex(of text: String) -> String {
        var hasher = SHA256Hasher()
        hasher.update(text)
        return hasher.finalizeHex()
    }
}

/// Lowercase hexadecimal text of `bytes`.
public func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output = [UInt8]()
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
}

/// Shortens a hash for text output to the first 12 hex digits of a `sha256:` hash; other
/// identities (`hf:ORG/NAME@REVISION`, paths) are returned unchanged.
public func shortHash(_ hash: String) -> String {
    guard hash.hasPrefix("sha256:") else { return hash }
    return String(hash.dropFirst("sha256:".count).prefix(12))
}
