#!/usr/bin/env python3
"""A scripted model server on 127.0.0.1 for `kafka-skill eval` in CI: it speaks OpenAI's Chat Completions
and Anthropic's Messages formats and answers by the request's schema name, so the whole eval pipeline
(answers, deterministic checks, model grading, the trigger set, benchmark files) runs without a model.

Answers are fixed: a task answer that carries the skill's presets when the system prompt holds the skill,
a short one otherwise; every model-graded expectation passes only for answers with the skill; the skill is
loaded for queries that mention Kafka. Usage: eval-stub-server.py PORTFILE (writes the chosen port there)."""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WITH_SKILL = ('let consumerConfig = ["group.id": "orders", "enable.auto.commit": "true", '
              '"enable.auto.offset.store": "false", "auto.offset.reset": "earliest", '
              '"partition.assignment.strategy": "cooperative-sticky"]\n'
              'try consumer.storeOffset(message)\n')
WITHOUT_SKILL = 'let consumerConfig = ["group.id": "orders", "max.poll.records": "500"]\n'


def structured(name, system, user):
    if name == "answer":
        return {"answer": WITH_SKILL if "Use this skill" in system else WITHOUT_SKILL}
    if name == "grades":
        passed = "enable.auto.offset.store" in user
        indices = [int(line.split(":", 1)[0]) for line in user.split("Expectations (index: text):\n", 1)[-1].splitlines()
                   if line.split(":", 1)[0].strip().isdigit()]
        return {"expectations": [{"index": i, "passed": passed, "evidence": "scripted"} for i in indices]}
    if name == "skills":
        return {"skills": ["kafka-events"] if "kafka" in user.lower() else []}
    return {}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        if self.path.endswith("/chat/completions"):
            messages = body.get("messages", [])
            system = " ".join(m.get("content", "") for m in messages if m.get("role") == "system")
            user = " ".join(m.get("content", "") for m in messages if m.get("role") == "user")
            name = body["response_format"]["json_schema"]["name"]
            reply = {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": body.get("model"),
                     "choices": [{"index": 0, "finish_reason": "stop",
                                  "message": {"role": "assistant", "content": json.dumps(structured(name, system, user)), "refusal": None}}],
                     "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}
        else:
            system = body.get("system", "")
            if isinstance(system, list):
                system = " ".join(part.get("text", "") for part in system)
            user = " ".join(m["content"] if isinstance(m["content"], str) else " ".join(p.get("text", "") for p in m["content"])
                            for m in body.get("messages", []))
            name = body["tool_choice"]["name"]
            reply = {"id": "msg_stub", "type": "message", "role": "assistant", "model": body.get("model"),
                     "content": [{"type": "tool_use", "id": "toolu_stub", "name": name, "input": structured(name, system, user)}],
                     "stop_reason": "tool_use", "stop_sequence": None, "usage": {"input_tokens": 100, "output_tokens": 20}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
