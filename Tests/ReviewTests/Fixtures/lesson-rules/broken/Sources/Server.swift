import Hummingbird

func serve() async throws {
    let router = Router()
    router.post("/orders") { _, _ in
        print("order received")
        return HTTPResponse.Status.accepted
    }
    let app = Application(router: router)
    try await app.run()
}
