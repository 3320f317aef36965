import Foundation
import Testing
import Verify

@Suite("Child processes run in their own process group and never outlive the run")
struct ChildProcessTests {
    private static func isAlive(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // A zombie has exited; only its parent's reaping is missing.
        return !status.contains(") Z ")
    }

    private static func waitUntilGone(_ pid: Int32) async -> Bool {
        for _ in 0..<50 {
            if !isAlive(pid) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("terminate stops the process and what it started, and the output went to its log files")
    func stopsTheWholeGroup() async throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let supervisor = ProcessSupervisor()
        let pidFile = folder.appendingPathComponent("grandchild.pid").path
        let child = try supervisor.launch(
            name: "shell#1", executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", "echo started; echo oops >&2; sleep 300 & echo $! > \(pidFile); wait"],
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: folder, logPrefix: folder.appendingPathComponent("shell").path)
        var grandchild: Int32?
        for _ in 0..<50 where grandchild == nil {
            grandchild = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try await Task.sleep(for: .milliseconds(50))
        }
        let sleeper = try #require(grandchild)
        #expect(Self.isAlive(sleeper))
        #expect(supervisor.running.map(\.name) == ["shell#1"])
        let exit = await child.terminate(grace: .seconds(2))
        #expect(exit.signal != nil || exit.code != 0)
        #expect(await Self.waitUntilGone(sleeper))
        #expect(supervisor.running.isEmpty)
        #expect(try String(contentsOfFile: child.outputPath, encoding: .utf8) == "started\n")
        #expect(try String(contentsOfFile: child.errorPath, encoding: .utf8) == "oops\n")
    }

    @Test("a process that ignores SIGTERM is killed when the grace period ends")
    func killAfterGrace() async throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let child = try ChildProcess(
            name: "stubborn", executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "trap '' TERM; echo ready; while true; do sleep 1; done"],
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: folder, outputPath: folder.appendingPathComponent("out").path,
            errorPath: folder.appendingPathComponent("out").path)
        for _ in 0..<40 where (try? String(contentsOfFile: child.outputPath, encoding: .utf8)) != "ready\n" {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await child.waitForExit(timeout: .milliseconds(200)) == nil)
        let started = ContinuousClock.now
        let exit = await child.terminate(grace: .milliseconds(500))
        #expect(exit.signal == 9)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("waiting with a timeout still works in a cancelled task, so cleanup after Ctrl-C stops everything")
    func cleanupInCancelledTask() async throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let supervisor = ProcessSupervisor()
        let children = try (1...3).map { number in
            try supervisor.launch(
                name: "sleeper#\(number)", executable: URL(fileURLWithPath: "/bin/sleep"), arguments: ["300"], environment: [:],
                workingDirectory: folder, logPrefix: folder.appendingPathComponent("sleeper-\(number)").path)
        }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await supervisor.terminateAll(grace: .seconds(1))
        }
        await task.value
        #expect(children.allSatisfy { !$0.isRunning })
        for child in children { #expect(await Self.waitUntilGone(child.pid)) }
    }

    @Test("a program that does not exist fails to launch with its path in the message")
    func launchFailure() throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            _ = try ChildProcess(
                name: "missing", executable: URL(fileURLWithPath: "/nonexistent/service"), arguments: [], environment: [:],
                workingDirectory: folder, outputPath: folder.appendingPathComponent("o").path, errorPath: folder.appendingPathComponent("e").path)
        } throws: { error in
            (error as? VerifyError)?.description.hasPrefix("could not start /nonexistent/service:") == true
        }
    }
}
