import Foundation
import FrontlineTestSupport
import Testing

/// Issue 6 with the team's own articles: a recapture flips a province back, and captures dated
/// before the control baseline fold into the baseline state.
@Suite struct RecaptureTests {
    static func status(_ api: LiveAPI, _ province: String, at date: String) throws -> String? {
        let page = try api.object("/api/provinces?at=\(date)")
        let provinces = page["data"] as? [[String: Any]] ?? []
        return provinces.first { $0["id"] as? String == province }?["status"] as? String
    }

    @Test func aRecaptureFlipsTheProvinceBack() throws {
        let api = try LiveAPI()
        let fell = try api.postJSON([
            "text": "Taliban fighters captured the northern city of Kunduz on Sunday after government troops abandoned their posts, police officials said.",
            "published_at": "2021-08-08", "source": "pajhwok"])
        #expect(fell.status == 201, "\(fell.text)")
        #expect(try Self.status(api, "kunduz", at: "2021-08-09") == "taliban")
        let retaken = try api.postJSON([
            "text": "Afghan commandos recaptured Kunduz city from the Taliban on Wednesday after two days of street fighting, residents said.",
            "published_at": "2021-08-11", "source": "tolo-news"])
        #expect(retaken.status == 201, "\(retaken.text)")
        #expect(try Self.status(api, "kunduz", at: "2021-08-09") == "taliban")
        #expect(try Self.status(api, "kunduz", at: "2021-08-12") == "government")
        let captures = try api.all("/api/events?type=capture&city=kunduz", limit: 50)
        #expect(Set(captures.compactMap { $0["actor"] as? String }) == ["taliban", "afghan-forces"])
        // A government official's word alone is a party's claim: it does not flip control back.
        let other = try LiveAPI()
        _ = try other.postJSON(["text": "Taliban fighters captured the northern city of Kunduz on Sunday, police officials said.",
                                "published_at": "2021-08-08", "source": "pajhwok"])
        _ = try other.postJSON(["text": "Afghan commandos recaptured Kunduz city from the Taliban on Wednesday, the provincial police chief said.",
                                "published_at": "2021-08-11", "source": "tolo-news"])
        #expect(try Self.status(other, "kunduz", at: "2021-08-12") == "taliban")
    }

    @Test func capturesBeforeTheBaselineFoldIntoIt() throws {
        let file = RepositoryPaths.root.appendingPathComponent("Tests/FrontlineExtractionTests/Fixtures/team/022-kunduz-2015-recapture.json")
        let gold = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let api = try LiveAPI()
        let response = try api.postJSON(["text": gold["text"] as Any, "published_at": gold["published"] as Any, "source": gold["source"] as Any])
        #expect(response.status == 201, "\(response.text)")
        // The 2015 fall and recapture are both stored as events with their own dates...
        let captures = try api.all("/api/events?type=capture&city=kunduz", limit: 50)
        #expect(captures.contains { $0["date"] as? String == "2015-09-28" && $0["actor"] as? String == "taliban" })
        // ...and control at the 2021 baseline is what they leave behind: the government's.
        #expect(try Self.status(api, "kunduz", at: "2021-08-02") == "government")
        let detail = try api.object("/api/provinces/kunduz")
        let timeline = try #require(detail["timeline"] as? [[String: Any]])
        #expect(timeline.first?["since"] as? String == "2021-08-01")
        #expect(timeline.first?["status"] as? String == "government")
    }
}
