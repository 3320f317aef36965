import Testing
import Yams

@testable import Deploy

@Suite struct YAMLTreeTests {
    @Test(arguments: ["604800000", "2", "no", "Yes", "on", "null", "~", "true", "1e3", "0x1F", ".inf", "", "a: b", "#x", "- x", "order-events", "line\nbreak", "SCRAM-SHA-512", "4.3.1"])
    func stringsReadBackAsTheSameStrings(value: String) throws {
        let text = try YAMLTree.map([("key", .string(value))]).rendered()
        let node = try #require(try Yams.compose(yaml: text))
        #expect(node["key"]?.tag.description == "tag:yaml.org,2002:str", "\(text)")
        #expect(node["key"]?.string == value, "\(text)")
    }

    @Test func mappingsKeepTheirOrderAndNumbersStayNumbers() throws {
        let text = try YAMLTree.mapping([("z", .int(3)), ("a", .bool(true)), ("m", nil), ("b", .list([.string("x")]))]).rendered()
        #expect(text == "z: 3\na: true\nb:\n- x\n")
    }
}
