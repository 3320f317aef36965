/// Everything that can go wrong in a review, each case saying where and what to do.
public enum ReviewError: Error, Sendable, CustomStringConvertible {
    /// A file or folder could not be read.
    case unreadable(path: String, reason: String)
    /// A path given to review does not exist.
    case pathNotFound(String)
    /// A lesson file is not valid YAML.
    case yamlSyntax(SourceLocation, problem: String)
    /// A rule in a lesson file is missing a field or has a wrong one.
    case invalidRule(SourceLocation, field: String, problem: String)
    /// Two rules share an id.
    case duplicateRuleID(String, SourceLocation, first: SourceLocation)
    /// A rule's regular expression does not compile.
    case invalidPattern(SourceLocation, pattern: String, problem: String)
    /// No lesson file with the requested number exists.
    case lessonNotFound(number: Int, directory: String)
    /// The model review was asked for but is not configured.
    case modelNotConfigured(String)
    /// A base URL is not an absolute http(s) URL.
    case invalidBaseURL(String)
    /// The provider rejected the key (401) or the permission (403).
    case authentication(ProviderKind, status: Int, message: String)
    /// The account's spend limit, credit or quota is used up; retrying cannot help.
    case spendLimit(ProviderKind, status: Int, message: String)
    /// The provider rejected the request as invalid (400, 404, 413, …); retrying cannot help.
    case rejected(ProviderKind, status: Int, message: String)
    /// Rate limits (429) persisted through every retry.
    case rateLimited(ProviderKind, attempts: Int, message: String)
    /// The provider stayed overloaded (529) through every retry.
    case overloaded(ProviderKind, attempts: Int, message: String)
    /// Server errors (408, 409, 5xx) persisted through every retry.
    case serverError(ProviderKind, status: Int, attempts: Int, message: String)
    /// The server could not be reached through every retry.
    case connectionFailed(ProviderKind, attempts: Int, reason: String)
    /// Every attempt ran past the per-request timeout.
    case timedOut(ProviderKind, attempts: Int, seconds: Double)
    /// The model refused to answer.
    case refusal(ProviderKind, explanation: String)
    /// The answer was cut off at the output token limit.
    case truncated(ProviderKind, maxOutputTokens: Int)
    /// The answer was not the JSON the request asked for.
    case malformedResponse(ProviderKind, reason: String)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)
    /// The fixed part of the prompt (instructions and rules) leaves no room for code.
    case tokenBudgetTooSmall(budget: Int, fixedTokens: Int)
    /// An eval file does not parse or has the wrong shape.
    case invalidEval(path: String, problem: String)

    /// Whether a later attempt of the same request may succeed.
    public var isRetriable: Bool {
        switch self {
        case .rateLimited, .overloaded, .serverError, .connectionFailed, .timedOut: true
        default: false
        }
    }

    /// What went wrong, where, and what to do about it.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason). Check that it exists and is readable."
        case .pathNotFound(let path):
            "\(path): no such file or folder. Pass files or folders that exist."
        case .yamlSyntax(let location, let problem):
            "\(location): invalid YAML: \(problem). Fix the lesson file's syntax."
        case .invalidRule(let location, let field, let problem):
            "\(location): rule field '\(field)': \(problem). See notes/RULE-CHECKS.md for the rule format."
        case .duplicateRuleID(let id, let location, let first):
            "\(location): rule id '\(id)' is already used at \(first). Give each rule a unique id."
        case .invalidPattern(let location, let pattern, let problem):
            "\(location): pattern '\(pattern)' is not a valid regular expression (\(problem)). Fix the pattern."
        case .lessonNotFound(let number, let directory):
            "\(directory): no lesson file \(LessonNumber.padded(number))-*.yaml. Pass the number of an existing lesson."
        case .modelNotConfigured(let hint):
            "The model review is not configured: \(hint)"
        case .invalidBaseURL(let url):
            "'\(url)' is not an absolute http or https URL. Pass --base-url like http://127.0.0.1:8080/v1."
        case .authentication(let provider, let status, let message):
            "\(provider) rejected the credentials (HTTP \(status)): \(message). Check the API key in the environment and its permissions."
        case .spendLimit(let provider, let status, let message):
            "\(provider) refused the request because a spend limit or quota is reached (HTTP \(status)): \(message). Raise the limit or add credit; retrying will not help."
        case .rejected(let provider, let status, let message):
            "\(provider) rejected the request (HTTP \(status)): \(message). Check --model and --base-url."
        case .rateLimited(let provider, let attempts, let message):
            "\(provider) kept rate-limiting the review after \(attempts) attempts: \(message). Wait and run again; unchanged requests come from the cache."
        case .overloaded(let provider, let attempts, let message):
            "\(provider) stayed overloaded after \(attempts) attempts: \(message). Run again later."
        case .serverError(let provider, let status, let attempts, let message):
            "\(provider) answered HTTP \(status) after \(attempts) attempts: \(message). Run again later."
        case .connectionFailed(let provider, let attempts, let reason):
            "Could not reach the \(provider) server after \(attempts) attempts: \(reason). Check --base-url and the network."
        case .timedOut(let provider, let attempts, let seconds):
            "The \(provider) server did not answer within \(seconds) s in \(attempts) attempts. Check the server or raise the timeout."
        case .refusal(let provider, let explanation):
            "The \(provider) model refused to review: \(explanation)"
        case .truncated(let provider, let maxOutputTokens):
            "The \(provider) answer was cut off at \(maxOutputTokens) output tokens. Raise the output limit or lower the token budget so chunks are smaller."
        case .malformedResponse(let provider, let reason):
            "The \(provider) answer was not the expected JSON: \(reason). Try another model or run again."
        case .writeFailed(let path, let reason):
            "\(path): cannot write: \(reason). Check that the folder is writable."
        case .tokenBudgetTooSmall(let budget, let fixedTokens):
            "The instructions and rules alone take about \(fixedTokens) of the \(budget)-token budget, leaving no room for code. Raise --token-budget."
        case .invalidEval(let path, let problem):
            "\(path): not a valid eval file: \(problem). See evals/README.md for the format."
        }
    }
}
