@testable import Review
import Testing

@Suite("What a reflection prompt reads from a lesson spec")
struct ReflectionPromptTests {
    @Test("objectives, question-and-answer reflections and the topic")
    func facts() {
        let spec = """
            id: reliable-producers
            topic: producers
            objectives:
              - Configure a producer that survives a broker loss.
            reflection:
              - question: Two brokers are down. What does an acks=all producer see?
                answer: >-
                  Sends fail with NOT_ENOUGH_REPLICAS.
              - Plain question?
            """
        let facts = ReflectionPrompt.facts(of: spec)
        #expect(facts.objectives == ["Configure a producer that survives a broker loss."])
        #expect(facts.questions == [
            "Two brokers are down. What does an acks=all producer see? (expected answer: Sends fail with NOT_ENOUGH_REPLICAS.)",
            "Plain question?",
        ])
        #expect(facts.topic == "producers")
    }

    @Test("the prompt carries the spec, its objectives and questions, and the pages within the budget")
    func prompt() {
        let spec = "topic: producers\nobjectives: [Be reliable.]\nreflection: [Why?]\n"
        let pages = [SkillReference(name: "references/producers.md", text: "Idempotence."),
                     SkillReference(name: "references/huge.md", text: String(repeating: "x", count: 40_000))]
        let prompt = ReflectionPrompt(spec: spec, path: "lessons/06-p.yaml", pages: pages, tokenBudget: 4000).prompt()
        #expect(prompt.user.hasPrefix("LESSON SPEC lessons/06-p.yaml:\n\ntopic: producers\n"))
        #expect(prompt.user.contains("OBJECTIVES:\n- Be reliable.\n"))
        #expect(prompt.user.contains("REFLECTION QUESTIONS:\n- Why?\n"))
        #expect(prompt.user.contains("### references/producers.md\n\nIdempotence."))
        #expect(prompt.user.contains("### references/huge.md\n(left out: over the token budget)"))
        #expect(prompt.schemaName == "suggest_lesson_edits")
    }
}
