import Foundation

/// Response bodies in each provider's exact wire format.
enum WireFormats {
    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func anthropicToolUse(_ input: [String: Any], stopReason: String = "tool_use", name: String = "report_findings") -> String {
        json([
            "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
            "type": "message",
            "role": "assistant",
            "model": "claude-test",
            "content": [["type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": name, "input": input]],
            "stop_reason": stopReason,
            "stop_sequence": NSNull(),
            "usage": ["input_tokens": 1500, "output_tokens": 120, "cache_creation_input_tokens": 1200, "cache_read_input_tokens": 0],
        ])
    }

    static func anthropicText(_ text: String, stopReason: String) -> String {
        json([
            "id": "msg_02", "type": "message", "role": "assistant", "model": "claude-test",
            "content": text.isEmpty ? [] : [["type": "text", "text": text]],
            "stop_reason": stopReason, "stop_sequence": NSNull(),
            "usage": ["input_tokens": 1500, "output_tokens": 20],
        ])
    }

    static func anthropicError(type: String, message: String) -> String {
        json(["type": "error", "error": ["type": type, "message": message], "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"])
    }

    static func openAIChat(content: String?, refusal: String? = nil, finishReason: String = "stop") -> String {
        json([
            "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT" as Any,
            "object": "chat.completion",
            "created": 1_741_569_952,
            "model": "gpt-test",
            "choices": [[
                "index": 0,
                "message": ["role": "assistant", "content": content as Any? ?? NSNull(), "refusal": refusal as Any? ?? NSNull()] as [String: Any],
                "logprobs": NSNull(),
                "finish_reason": finishReason,
            ]],
            "usage": ["prompt_tokens": 900, "completion_tokens": 60, "total_tokens": 960, "prompt_tokens_details": ["cached_tokens": 100]],
        ])
    }

    static func openAIError(message: String, type: String, code: String?) -> String {
        json(["error": ["message": message, "type": type, "param": NSNull(), "code": code as Any? ?? NSNull()] as [String: Any]])
    }
}
