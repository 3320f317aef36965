import KafkaSkillModel
import Foundation
import Testing
@testable import Scaffold

@Suite("Template manifests and rendering")
struct TemplateLibraryTests {
    /// A templates folder holding one template `probe` with the given manifest and bodies.
    func library(manifest: String, bodies: [String: String] = ["body.mustache": "{{serviceName}}\n"]) throws -> (TemplateLibrary, URL) {
        let folder = try TestSupport.temporaryFolder("templates")
        try TestSupport.write(manifest, to: "probe/template.yaml", in: folder)
        for (name, text) in bodies { try TestSupport.write(text, to: "probe/\(name)", in: folder) }
        return (TemplateLibrary(directory: folder), folder)
    }

    func manifestProblems(_ manifest: String) throws -> [String] {
        let (library, folder) = try library(manifest: manifest)
        defer { try? FileManager.default.removeItem(at: folder) }
        return TestSupport.errors { _ = try library.manifest(id: "probe") }.map(\.description)
    }

    static let header = """
        id: probe
        version: 1.0.0
        description: A template for tests.
        roles: [consumer]

        """

    func consumer(_ extra: String = "") throws -> LoadedSpec {
        try ServiceSpecLoader().load(text: TestSupport.consumerSpec + extra, file: "spec.yaml", baseDirectory: URL(fileURLWithPath: "/"))
    }

    @Test("the repository's templates load and every body parses", arguments: ["producer-service", "consumer-worker", "transactional-processor"])
    func repositoryTemplatesLoad(id: String) throws {
        let environment = try TestSupport.repository()
        let library = TemplateLibrary(directory: environment.templatesDirectory)
        #expect(library.templateIDs() == ["consumer-worker", "producer-service", "transactional-processor"])
        let manifest = try library.manifest(id: id)
        let loaded = try library.load(manifest)
        #expect(loaded.files.count == manifest.files.count)
        #expect(manifest.version == "2.0.0")
    }

    @Test("output paths that are absolute or climb out are refused where the manifest writes them", arguments: [
        ("../escape.txt", "it climbs out of the output folder"),
        ("/etc/passwd", "it is absolute"),
        ("Sources/{{moduleName}}/../../../x", "it climbs out of the output folder"),
    ])
    func unsafeOutputPaths(output: String, reason: String) throws {
        let problems = try manifestProblems(Self.header + "files:\n  - template: body.mustache\n    output: \(output)\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains(":7:13: error: output path '\(output)' is refused: \(reason)") == true, "\(problems)")
    }

    @Test("a path made unsafe by a value is refused when rendered")
    func unsafeRenderedPath() throws {
        let (library, folder) = try library(manifest: Self.header + """
            parameters:
              - { name: folder, type: string, default: "../..", description: Where to write. }
            files:
              - template: body.mustache
                output: "{{folder}}/x.txt"
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try library.load(library.manifest(id: "probe"))
        let errors = TestSupport.errors {
            _ = try TemplateRenderer.render(template, values: ["folder": .string("../..")])
        }
        #expect(errors.first?.description.contains("output path '../../x.txt' is refused: it climbs out") == true, "\(errors)")
    }

    @Test("manifest mistakes are reported with their position and what is allowed", arguments: [
        ("files:\n  - template: body.mustache\n    output: a\n    when: nosuchflag\n", ":8:11: error: 'files[0].when' is 'nosuchflag', but it must be a condition on a parameter"),
        ("files:\n  - template: body.mustache\n    outptu: a\n", ":7:5: error: unknown key 'outptu' in files[0]. Allowed keys: output, template, shared, when."),
        ("parameters:\n  - { name: n, type: float, description: d }\nfiles: []\n", "'parameters[0].type' is 'float', but it must be one of bool, choice, int, string"),
        ("parameters:\n  - { name: n, type: int, minimum: 5, default: 1, description: d }\nfiles: []\n", "'parameters[0].default' is '1', but it must be at least 5"),
        ("parameters:\n  - { name: moduleName, type: string, description: d }\nfiles: []\n", "must be a name that is not a model value"),
        ("files:\n  - template: ../../outside.mustache\n    output: a\n", "a relative path inside the template's folder"),
        ("files:\n  - { template: body.mustache, output: a }\n  - { template: body.mustache, output: a }\n", "a path no other file writes"),
    ])
    func manifestMistakes(files: String, expected: String) throws {
        let problems = try manifestProblems(Self.header + files)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test("a Mustache syntax error names the body's line")
    func mustacheSyntax() throws {
        let (library, folder) = try library(
            manifest: Self.header + "files:\n  - template: body.mustache\n    output: a\n",
            bodies: ["body.mustache": "line one\nline two {{#open}}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = TestSupport.errors { _ = try library.load(library.manifest(id: "probe")) }
        guard case .templateSyntax(let location, _)? = errors.first else {
            Issue.record("expected a syntax error, got \(errors)")
            return
        }
        #expect(location.file.hasSuffix("probe/body.mustache"))
        #expect(location.line == 3, "the section opened on line 2 is still open at the end, line 3")
    }

    @Test("conditions decide which files are written")
    func conditions() throws {
        let (library, folder) = try library(manifest: Self.header + """
            files:
              - { template: body.mustache, output: always.txt }
              - { template: body.mustache, output: dlq.txt, when: hasDeadLetterTopic }
              - { template: body.mustache, output: json.txt, when: "valueFormat == 'json'" }
              - { template: body.mustache, output: not-avro.txt, when: "valueFormat != avro" }
              - { template: body.mustache, output: no-group.txt, when: "!hasGroup" }
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = try TestSupport.repository()
        let template = try library.load(library.manifest(id: "probe"))
        let presets = try PresetCatalog(directory: environment.presetsDirectory)
        let files = try Scaffolder.render(consumer(), template: template, presets: presets, kafkaPackage: .path("../..")).files
        #expect(files.map(\.path) == ["always.txt", "json.txt", "not-avro.txt"])
        #expect(files.first?.contents == "test-worker\n")
    }

    @Test("a spec value that breaks a template parameter's rule is reported at the spec's field")
    func parameterRules() throws {
        let environment = try TestSupport.repository()
        let library = TemplateLibrary(directory: environment.templatesDirectory)
        let manifest = try library.manifest(id: "consumer-worker")
        let loaded = try consumer("errorHandling:\n  retries: 500\n")
        let errors = TestSupport.errors { _ = try ServiceModel.parameters(for: loaded.spec, source: loaded.source, template: manifest) }
        #expect(errors.map(\.description) == [
            "spec.yaml:9:12: error: 'errorHandling.retries' is '500', but it must be at most 100 (parameter 'retries' of template 'consumer-worker')."
        ])
    }

    @Test("a spec value no template parameter takes is an error, not dropped")
    func valueWithoutParameter() throws {
        let (library, folder) = try library(manifest: Self.header + "files:\n  - { template: body.mustache, output: a }\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = try library.manifest(id: "probe")
        let loaded = try consumer("observability:\n  metrics: true\n")
        let errors = TestSupport.errors { _ = try ServiceModel.parameters(for: loaded.spec, source: loaded.source, template: manifest) }
        #expect(errors.first?.description.contains("template 'probe' has no parameter 'metrics' to take it") == true, "\(errors)")
    }

    @Test("the model gives templates exactly the documented values", arguments: ExamplesDriftTests.examples)
    func modelKeys(name: String) throws {
        let environment = try TestSupport.repository()
        let spec = try ServiceSpecLoader().load(contentsOf: environment.repositoryRoot.appendingPathComponent("specs/\(name).yaml")).spec
        let presets = try PresetCatalog(directory: environment.presetsDirectory)
        let values = try ServiceModel.values(for: spec, presets: presets, kafkaPackage: .path("../.."))
        #expect(Set(values.keys).isSubset(of: ServiceModel.keys))
        #expect(ServiceModel.keys.subtracting(values.keys).isSubset(of: ["avroSchema", "avroRecord", "registry", "outputTopic", "deadLetterTopic", "consumerPreset", "producerPreset", "templateID", "templateVersion"]))
    }

    @Test("preset values come from the skill's presets, placeholders from the service's settings")
    func presetValues() throws {
        let environment = try TestSupport.repository()
        let presets = try PresetCatalog(directory: environment.presetsDirectory)
        let preset = try presets.preset(role: "producer", guarantee: .exactlyOnce)
        #expect(preset.properties.contains { $0.key == "transactional.id" && $0.placeholder == "TRANSACTIONAL_ID" })
        let spec = try ServiceSpecLoader().load(contentsOf: environment.repositoryRoot.appendingPathComponent("specs/order-enricher.yaml")).spec
        let values = try ServiceModel.values(for: spec, presets: presets, kafkaPackage: .path("../.."))
        guard case .object(let producer)? = values["producerPreset"], case .list(let properties)? = producer["properties"] else {
            Issue.record("no producer preset in the model")
            return
        }
        #expect(producer["call"] == .string("KafkaProperties.producer(transactionalID: transactionalID)"))
        let expressions = properties.compactMap { property -> String? in
            guard case .object(let fields) = property, case .string(let expression)? = fields["valueExpression"] else { return nil }
            return expression
        }
        #expect(expressions.first == "transactionalID")
        #expect(Array(expressions.dropFirst()) == preset.properties.dropFirst().map { "\"\($0.value)\"" })
    }
}
