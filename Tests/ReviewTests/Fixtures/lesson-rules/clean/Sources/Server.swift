import Hummingbird
import Logging
import ServiceLifecycle

func serve(logger: Logger) async throws {
    let router = Router()
    router.post("/orders") { _, _ in
        logger.info("order received")
        return HTTPResponse.Status.accepted
    }
    let app = Application(router: router)
    try await ServiceGroup(services: [app], logger: logger).run()
}
