/// Escapes text for HTML and SVG content and attribute values: `&`, `<`, `>`, `"` and `'`
/// become character references, so no name can open a tag or close an attribute.
func htmlEscaped(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": output += "&amp;"
        case "<": output += "&lt;"
        case ">": output += "&gt;"
        case "\"": output += "&quot;"
        case "'": output += "&#39;"
        default: output.append(character)
        }
    }
    return output
}
