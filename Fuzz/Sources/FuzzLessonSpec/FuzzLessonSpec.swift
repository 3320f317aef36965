import Foundation
import SkillKit

/// Lesson specs: the input is written as a lesson file beside a valid skill.yaml and the course is loaded.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-lessons-\(ProcessInfo.processInfo.processIdentifier)")
let lessons = folder.appendingPathComponent("lessons")
let setUp: Void = {
    try? FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    let skill = """
        name: kafka-events
        title: Fuzz skill
        description: Builds Kafka things. Use when fuzzing.
        intro: An intro.
        workflow:
          - title: First
            detail: Detail.
        topics:
          - id: basics
            title: Basics
            readWhen: fuzzing.
        """
    try? Data(skill.utf8).write(to: lessons.appendingPathComponent("skill.yaml"))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLessonSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = setUp
    try? Data(UnsafeBufferPointer(start: data, count: size)).write(to: lessons.appendingPathComponent("01-one.yaml"))
    _ = try? CourseLoader(lessonsDirectory: lessons).load()
    return 0
}

/// libFuzzer's driver: SwiftPM links an executable's `main` to `<module>_main`, so that is where libFuzzer starts.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzLessonSpec_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzLessonSpec)
}
