using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace PolicyApi.Api.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks as a subscriber meets them: a receiver that is down for a while still gets each event, signed so that
/// the Standard Webhooks library verifies it, once it answers 2xx and never again after; events arrive in order;
/// a DingTalk group robot gets the message shape and the signed URL DingTalk accepts; targets inside our network are
/// refused; only administrators and a system client with webhooks.manage manage them, the client only its own.
/// </summary>
public sealed class WebhookTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Lists_FilterByStatusAsDocumented_InAnyCase_AndRefuseOtherValuesNamingStatus()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/status", eventTypes = new[] { "document.published" } }), HttpStatusCode.Created))["webhook"]!);

        Assert.Contains((await Expect(Get("/api/v1/webhooks?status=active"), HttpStatusCode.OK))["items"]!.AsArray(), w => Id(w!) == webhook);
        Assert.Contains((await Expect(Get("/api/v1/webhooks?status=ACTIVE"), HttpStatusCode.OK))["items"]!.AsArray(), w => Id(w!) == webhook);
        Assert.DoesNotContain((await Expect(Get("/api/v1/webhooks?status=failing"), HttpStatusCode.OK))["items"]!.AsArray(), w => Id(w!) == webhook);
        await Expect(Get($"/api/v1/webhooks/{webhook}/deliveries?status=pending"), HttpStatusCode.OK);

        // The enum's numbers are not statuses.
        await ExpectProblem(Get("/api/v1/webhooks?status=0"), HttpStatusCode.BadRequest, Validation, "status");
        await ExpectProblem(Get($"/api/v1/webhooks/{webhook}/deliveries?status=42"), HttpStatusCode.BadRequest, Validation, "status");
    }

    [Fact]
    public async Task Receiver_FailingThreeTimes_GetsTheEventOnTheFourthWithAValidSignature_AndNeverTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusFor = n => n <= 3 ? 503 : 200;
        var (document, county, target) = await PlanAsync();
        var created = await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/policyapi/events", eventTypes = new[] { "report.submitted" } }), HttpStatusCode.Created);
        var webhook = (string)created["webhook"]!["id"]!;
        var secret = (string)created["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var report = await SubmittedReportAsync(county, target);

        var delivery = (await DeliveriesUntil(webhook, d => d.Count == 1 && (string)d[0]["status"]! == "succeeded"))[0];
        Assert.Equal(4, (int)delivery["attempts"]!);
        Assert.Equal([503, 503, 503, 200], delivery["history"]!.AsArray().Select(a => (int)a!["statusCode"]!));
        Assert.Equal(4, receiver.Received.Count);
        var eventId = (string)delivery["eventId"]!;
        Assert.All(receiver.Received, r => Assert.Equal(eventId, r.Headers["webhook-id"].ToString()));

        // The receiver verifies with the Standard Webhooks library, and a changed body does not pass.
        var delivered = receiver.Received.Last();
        new StandardWebhook(secret).Verify(delivered.Body, delivered.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(delivered.Body.Replace("防城区", "港口区", StringComparison.Ordinal), delivered.Headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32])).Verify(delivered.Body, delivered.Headers));

        var payload = JsonNode.Parse(delivered.Body)!;
        Assert.Equal(eventId, (string?)payload["id"]);
        Assert.Equal("report.submitted", (string?)payload["type"]);
        Assert.Equal(report, (string?)payload["data"]!["reportId"]);
        Assert.Equal(county, (string?)payload["data"]!["unitId"]);
        Assert.Equal("防城区", (string?)payload["data"]!["unitName"]);
        Assert.Equal(document, (string?)payload["data"]!["documentId"]);
        Assert.Equal("2021-M06", (string?)payload["data"]!["period"]);
        Assert.Equal("submitted", (string?)payload["data"]!["status"]);
        Assert.Equal("防城区 2021年6月进展报告已报送", (string?)payload["data"]!["summary"]);

        // Twenty poll intervals later it has still been delivered once.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(4, receiver.Received.Count);
        Assert.Single(await Deliveries(webhook));
    }

    [Fact]
    public async Task Events_ReachASubscriptionInOrder_TheNextOnlyAfterTheOneBeforeSucceeded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusFor = n => n <= 2 ? 500 : 200;
        var (_, county, target) = await PlanAsync();
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl, eventTypes = new[] { "report.submitted", "report.returned", "report.accepted" } }), HttpStatusCode.Created))["webhook"]!);
        var other = Id(await RegisterUnit("防城港市", "港口区", kind: "districtGovernment"));
        var elsewhere = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/elsewhere", eventTypes = new[] { "report.submitted" }, unitId = other }), HttpStatusCode.Created))["webhook"]!);

        var report = await SubmittedReportAsync(county, target);
        await Expect(Post($"/api/v1/progress-reports/{report}/return", new { reason = "6月数据未含投资性公司投资，请核实后重报" }), HttpStatusCode.OK);

        var deliveries = await DeliveriesUntil(webhook, d => d.Count == 2 && d.All(x => (string)x["status"]! == "succeeded"));
        var (submitted, returned) = ((string)deliveries[1]["eventId"]!, (string)deliveries[0]["eventId"]!);
        Assert.Equal(["report.submitted", "report.returned"], deliveries.Select(d => (string)d["eventType"]!).Reverse());
        Assert.Equal([submitted, submitted, submitted, returned], receiver.Received.Select(r => r.Headers["webhook-id"].ToString()));
        Assert.Contains("被退回：6月数据未含投资性公司投资", receiver.Received.Last().Body, StringComparison.Ordinal);
        Assert.Empty(await Deliveries(elsewhere)); // filtered to another unit
    }

    [Fact]
    public async Task TwoReplicasDispatching_SendEachEventOnceToEachSubscription_InOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(20);
        var first = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/first", eventTypes = new[] { "document.published" } }), HttpStatusCode.Created))["webhook"]!);
        var second = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/second", eventTypes = new[] { "document.published" } }), HttpStatusCode.Created))["webhook"]!);

        // A second replica on the same database, with dispatchers of its own competing for the same deliveries.
        await using var replica = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Webhooks:Concurrency", "4"));
        _ = replica.Server;
        for (var i = 0; i < 12; i++)
        {
            await CreateDocument(LianyungangDocument($"连政发〔2020〕{70 + i}号"));
        }

        foreach (var (webhook, path) in new[] { (first, "/first"), (second, "/second") })
        {
            var deliveries = await DeliveriesUntil(webhook, d => d.Count == 12 && d.All(x => (string)x["status"]! == "succeeded"));
            var inOrder = deliveries.OrderBy(d => (long)d["id"]!).Select(d => (string)d["eventId"]!).ToList();
            Assert.Equal(inOrder, receiver.Received.Where(r => r.PathAndQuery == path).Select(r => r.Headers["webhook-id"].ToString()));
            Assert.All(deliveries, d => Assert.Equal(1, (int)d["attempts"]!));
        }
    }

    [Fact]
    public async Task DeliveryGivenUp_MarksTheSubscriptionFailing_AndAResendDeliversItAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusFor = _ => 503;
        var (_, county, target) = await PlanAsync();
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl, eventTypes = new[] { "report.submitted" } }), HttpStatusCode.Created))["webhook"]!);

        await SubmittedReportAsync(county, target);

        var failed = (await DeliveriesUntil(webhook, d => d.Count == 1 && (string)d[0]["status"]! == "failed"))[0];
        Assert.True((int)failed["attempts"]! >= 4, failed.ToJsonString());
        Assert.Equal(503, (int?)failed["lastStatusCode"]);
        Assert.NotNull(failed["completedAt"]);
        var (subscription, _) = await Read($"/api/v1/webhooks/{webhook}");
        Assert.Equal("failing", (string?)subscription["status"]);
        Assert.NotNull(subscription["failingSince"]);

        receiver.StatusFor = _ => 200;
        var before = receiver.Received.Count;
        var resend = await Expect(Post($"/api/v1/webhooks/{webhook}/deliveries/{failed["id"]}/resend", new { }), HttpStatusCode.Accepted);
        Assert.Equal("pending", (string?)resend["status"]);
        Assert.Equal((long)failed["id"]!, (long?)resend["resendOf"]);

        var deliveries = await DeliveriesUntil(webhook, d => d.Count == 2 && (string)d[0]["status"]! == "succeeded");
        Assert.Equal((string)failed["eventId"]!, (string?)deliveries[0]["eventId"]);
        Assert.Equal(before + 1, receiver.Received.Count);
        (subscription, _) = await Read($"/api/v1/webhooks/{webhook}");
        Assert.Equal("active", (string?)subscription["status"]);

        // Only a delivery of this subscription can be re-sent.
        await ExpectProblem(Post($"/api/v1/webhooks/{webhook}/deliveries/99999999/resend", new { }), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }

    [Fact]
    public async Task DingTalkRobot_GetsTextOrMarkdownInTheShapeDingTalkAccepts_OnASignedUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        const string robotSecret = "SEC3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a";
        var (_, county, target) = await PlanAsync();
        var text = Id((await Expect(Post("/api/v1/webhooks", new
        {
            url = receiver.BaseUrl + "/robot/send?access_token=text-robot",
            eventTypes = new[] { "report.submitted" },
            format = "dingtalk",
            secret = robotSecret,
            description = "市商务局督查钉钉群",
        }), HttpStatusCode.Created))["webhook"]!);
        var markdown = Id((await Expect(Post("/api/v1/webhooks", new
        {
            url = receiver.BaseUrl + "/robot/send?access_token=markdown-robot",
            eventTypes = new[] { "report.submitted" },
            format = "dingtalk",
            messageType = "markdown",
        }), HttpStatusCode.Created))["webhook"]!);
        var wecom = Id((await Expect(Post("/api/v1/webhooks", new
        {
            url = receiver.BaseUrl + "/cgi-bin/webhook/send?key=wecom-robot",
            eventTypes = new[] { "report.submitted" },
            format = "wecom",
            messageType = "markdown",
        }), HttpStatusCode.Created))["webhook"]!);

        var sentAt = DateTimeOffset.UtcNow;
        await SubmittedReportAsync(county, target);
        foreach (var webhook in new[] { text, markdown, wecom })
        {
            await DeliveriesUntil(webhook, d => d.Count == 1 && (string)d[0]["status"]! == "succeeded");
        }

        const string Summary = "防城区 2021年6月进展报告已报送";
        var signed = receiver.Received.Single(r => r.PathAndQuery.Contains("text-robot", StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = Summary } }, JsonNode.Parse(signed.Body)), signed.Body);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://robot" + signed.PathAndQuery).Query);
        Assert.Equal("text-robot", query["access_token"]);
        var timestamp = long.Parse(query["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(timestamp), sentAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(robotSecret), Encoding.UTF8.GetBytes($"{timestamp}\n{robotSecret}")));
        Assert.Equal(expected, query["sign"]);
        Assert.Contains("&sign=" + Uri.EscapeDataString(expected), signed.PathAndQuery, StringComparison.Ordinal);

        var md = JsonNode.Parse(receiver.Received.Single(r => r.PathAndQuery.Contains("markdown-robot", StringComparison.Ordinal)).Body)!;
        Assert.Equal("markdown", (string?)md["msgtype"]);
        Assert.Equal(Summary, (string?)md["markdown"]!["title"]);
        Assert.StartsWith("#### " + Summary, (string?)md["markdown"]!["text"], StringComparison.Ordinal);
        Assert.DoesNotContain("sign=", receiver.Received.Single(r => r.PathAndQuery.Contains("markdown-robot", StringComparison.Ordinal)).PathAndQuery, StringComparison.Ordinal);

        var wecomBody = JsonNode.Parse(receiver.Received.Single(r => r.PathAndQuery.Contains("wecom-robot", StringComparison.Ordinal)).Body)!;
        Assert.Equal("markdown", (string?)wecomBody["msgtype"]);
        Assert.StartsWith("#### " + Summary, (string?)wecomBody["markdown"]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReminderJobsEvent_WrittenThroughTheOutboxInItsTransaction_ReachesTheGroup()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var unit = Guid.Parse(Id(await RegisterUnit(Lianyungang, "区商务局")));
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/robot/send?access_token=duban", eventTypes = new[] { "obligation.overdue" }, format = "dingtalk", unitId = unit }), HttpStatusCode.Created))["webhook"]!);

        // What a reminder job does: add the event to its context and save in its own transaction.
        await using (var scope = Fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PolicyApi.Infrastructure.Persistence.PolicyDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                PolicyApi.Infrastructure.Webhooks.EventOutbox.Add(
                    db, PolicyApi.Infrastructure.Webhooks.WebhookEventType.ObligationOverdue, DateTimeOffset.UtcNow, documentId: null, unit,
                    new JsonObject { ["unitId"] = unit.ToString(), ["unitName"] = "区商务局", ["period"] = "2021-M06", ["daysOverdue"] = 3 },
                    "区商务局 2021年6月进展报告逾期3天");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            });
        }

        var delivery = (await DeliveriesUntil(webhook, d => d.Count == 1 && (string)d[0]["status"]! == "succeeded"))[0];
        Assert.Equal("obligation.overdue", (string?)delivery["eventType"]);
        var message = JsonNode.Parse(receiver.Received.Single().Body)!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = "区商务局 2021年6月进展报告逾期3天" } }, message), message.ToJsonString());
    }

    [Fact]
    public async Task Robot_AnsweringWithAnErrcode_IsAFailedAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.ResponseBody = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/robot/send?access_token=x", eventTypes = new[] { "document.published" }, format = "dingtalk", secret = "SECwrong" }), HttpStatusCode.Created))["webhook"]!);

        await CreateDocument();

        var delivery = (await DeliveriesUntil(webhook, d => d.Count == 1 && (int)d[0]["attempts"]! >= 2))[0];
        Assert.Equal("pending", (string?)delivery["status"]);
        Assert.Contains("errcode 310000 sign not match", (string?)delivery["lastError"], StringComparison.Ordinal);
        Assert.Contains("连政发〔2020〕62号", receiver.Received.First().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentBecomingActive_IsPublished_ADraftIsNot()
    {
        // Before anyone subscribes, nothing is kept.
        await CreateDocument(LianyungangDocument("连政发〔2020〕61号"));
        Assert.Equal(0, await InDatabase(db => db.OutboxEvents.CountAsync()));

        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl, eventTypes = new[] { "document.published" } }), HttpStatusCode.Created))["webhook"]!);

        await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", status = "draft" });
        var active = Id(await CreateDocument());

        var delivery = (await DeliveriesUntil(webhook, d => d.Count == 1 && (string)d[0]["status"]! == "succeeded"))[0];
        Assert.Equal("document.published", (string?)delivery["eventType"]);
        var payload = JsonNode.Parse(receiver.Received.Single().Body)!;
        Assert.Equal(active, (string?)payload["data"]!["documentId"]);
        Assert.Equal("《市政府关于印发连云港市稳外资促发展若干措施的通知》（连政发〔2020〕62号）已发布", (string?)payload["data"]!["summary"]);
    }

    [Fact]
    public async Task Outbox_DropsSentEventsPastItsRetention_WithTheirDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl, eventTypes = new[] { "document.published" } }), HttpStatusCode.Created))["webhook"]!);
        Fixture.Clock.Now = DateTimeOffset.UtcNow.AddDays(-40);
        await CreateDocument();
        await DeliveriesUntil(webhook, d => d.Count == 1 && (string)d[0]["status"]! == "succeeded");
        Fixture.Clock.Reset();
        await CreateDocument(LianyungangDocument("连政发〔2020〕63号"));
        await DeliveriesUntil(webhook, d => d.Count == 2 && d.All(x => (string)x["status"]! == "succeeded"));

        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PolicyApi.Infrastructure.Webhooks.WebhookRetention>().PurgeAsync(CancellationToken.None));

        var left = Assert.Single(await Deliveries(webhook));
        Assert.Contains("63号", (string)JsonNode.Parse(receiver.Received.Last().Body)!["data"]!["docNumber"]!, StringComparison.Ordinal);
        Assert.Equal(1, await InDatabase(db => db.OutboxEvents.CountAsync()));
        Assert.Equal(1, (int)left["attempts"]!);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::ffff:10.0.0.1]/hook")] // IPv4-mapped
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hook")] // NAT64 of 169.254.169.254
    [InlineData("http://[64:ff9b:1::c0a8:10a]/hook")] // local-use NAT64 of 192.168.1.10
    [InlineData("http://[2002:a00:1::1]/hook")] // 6to4 of 10.0.0.1
    [InlineData("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hook")] // Teredo, client 10.0.0.1
    [InlineData("http://[::a9fe:a9fe]/hook")] // IPv4-compatible 169.254.169.254
    public async Task PrivateAndLinkLocalTargets_AreRefused_With400NamingUrl(string url)
    {
        var problem = await ExpectProblem(Post("/api/v1/webhooks", new { url, eventTypes = new[] { "report.submitted" } }), HttpStatusCode.BadRequest, Validation, "url");

        Assert.Contains("public addresses", problem["errors"]!["url"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await InDatabase(db => db.WebhookSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task LoopbackTargets_WhenNotAllowed_AreRefused_With400NamingUrl()
    {
        await using var strict = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Webhooks:AllowLoopback", "false").UseSetting("Webhooks:DispatcherEnabled", "false"));
        using var client = strict.CreateDefaultClient(new ActingIdentityHandler());

        foreach (var url in new[] { "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://127.1.2.3/hook" })
        {
            await ExpectProblem(client.PostAsync("/api/v1/webhooks", JsonBody(new { url, eventTypes = new[] { "report.submitted" } })), HttpStatusCode.BadRequest, Validation, "url");
        }

        await ExpectProblem(client.PostAsync("/api/v1/webhooks", JsonBody(new { url = "ftp://example.com/x", eventTypes = new[] { "report.submitted" } })), HttpStatusCode.BadRequest, Validation, "url");
        await ExpectProblem(client.PostAsync("/api/v1/webhooks", JsonBody(new { eventTypes = new[] { "report.submitted" } })), HttpStatusCode.BadRequest, Validation, "url");
        await ExpectProblem(client.PostAsync("/api/v1/webhooks", JsonBody(new { url = "https://example.com/x", eventTypes = Array.Empty<string>() })), HttpStatusCode.BadRequest, Validation, "eventTypes");
        await ExpectProblem(client.PostAsync("/api/v1/webhooks", JsonBody(new { url = "https://example.com/x", eventTypes = new[] { "report.approved" } })), HttpStatusCode.BadRequest, Validation);
        await ExpectProblem(client.PostAsync("/api/v1/webhooks", JsonBody(new { url = "https://example.com/x", eventTypes = new[] { "report.submitted" }, secret = "mine" })), HttpStatusCode.BadRequest, Validation, "secret");
        Assert.Equal(0, await InDatabase(db => db.WebhookSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task ReporterOrSystemClientWithoutTheScope_CannotManageWebhooks()
    {
        var unit = Id(await RegisterUnit(Lianyungang, "市商务局"));
        var reporter = Tokens.For(Roles.Reporter, Guid.Parse(unit), subject: "hooks-reporter");
        var reportsOnly = Tokens.For(Roles.System, subject: "hooks-reports-only", scopes: [Scopes.ReportsRead, Scopes.ReportsWrite]);
        var body = new { url = "https://203.0.113.10/hook", eventTypes = new[] { "report.submitted" } };

        foreach (var token in new[] { reporter, reportsOnly })
        {
            await ExpectProblem(As(token, HttpMethod.Post, "/api/v1/webhooks", body), HttpStatusCode.Forbidden, "urn:policyapi:problem:forbidden");
            await ExpectProblem(As(token, HttpMethod.Get, "/api/v1/webhooks"), HttpStatusCode.Forbidden, "urn:policyapi:problem:forbidden");
        }

        // With the scope but unable to read reports, a client may not receive report events.
        var hooksOnly = Tokens.For(Roles.System, subject: "hooks-only", scopes: [Scopes.WebhooksManage]);
        await ExpectProblem(As(hooksOnly, HttpMethod.Post, "/api/v1/webhooks", body), HttpStatusCode.Forbidden, "urn:policyapi:problem:event-not-readable");
        Assert.Equal(0, await InDatabase(db => db.WebhookSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task SystemClientWithTheScope_ManagesOnlyItsOwnSubscriptions()
    {
        var a = Tokens.For(Roles.System, subject: "duban-system", scopes: [Scopes.WebhooksManage, Scopes.ReportsRead]);
        var b = Tokens.For(Roles.System, subject: "kaohe-system", scopes: [Scopes.WebhooksManage, Scopes.ReportsRead]);
        var body = new { url = "https://203.0.113.10/hook", eventTypes = new[] { "report.submitted" } };
        var ofA = Id((await Expect(As(a, HttpMethod.Post, "/api/v1/webhooks", body), HttpStatusCode.Created))["webhook"]!);
        var ofB = Id((await Expect(As(b, HttpMethod.Post, "/api/v1/webhooks", body), HttpStatusCode.Created))["webhook"]!);
        var ofAdmin = Id((await Expect(Post("/api/v1/webhooks", body), HttpStatusCode.Created))["webhook"]!);

        Assert.Equal([ofA], (await Expect(As(a, HttpMethod.Get, "/api/v1/webhooks"), HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal([ofB], (await Expect(As(b, HttpMethod.Get, "/api/v1/webhooks"), HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["id"]!));
        await Expect(As(a, HttpMethod.Get, $"/api/v1/webhooks/{ofA}"), HttpStatusCode.OK);
        await ExpectProblem(As(a, HttpMethod.Get, $"/api/v1/webhooks/{ofB}"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        await ExpectProblem(As(a, HttpMethod.Get, $"/api/v1/webhooks/{ofAdmin}/deliveries"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        await ExpectProblem(As(a, HttpMethod.Delete, $"/api/v1/webhooks/{ofB}", ifMatch: "*"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

        // An administrator manages them all.
        Assert.Equal(3, (await Expect(Get("/api/v1/webhooks"), HttpStatusCode.OK))["items"]!.AsArray().Count);
        var (_, etag) = await Read($"/api/v1/webhooks/{ofB}");
        await Expect(Delete($"/api/v1/webhooks/{ofB}", etag), HttpStatusCode.NoContent);
        await ExpectProblem(As(b, HttpMethod.Get, $"/api/v1/webhooks/{ofB}"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }

    [Fact]
    public async Task Secret_IsShownOnceAtCreation_AndNeitherTheDatabaseNorTheAuditLogHoldsIt()
    {
        var created = await Expect(Post("/api/v1/webhooks", new { url = "https://203.0.113.10/hook", eventTypes = new[] { "report.submitted" } }), HttpStatusCode.Created);
        var webhook = Id(created["webhook"]!);
        var secret = (string)created["secret"]!;
        var key = secret["whsec_".Length..];

        var (read, _) = await Read($"/api/v1/webhooks/{webhook}");
        Assert.Null(read["secret"]);
        Assert.True((bool)read["hasSecret"]!);
        var listed = await Expect(Get("/api/v1/webhooks"), HttpStatusCode.OK);
        Assert.DoesNotContain(key, listed.ToJsonString(), StringComparison.Ordinal);

        var stored = await InDatabase(db => db.WebhookSubscriptions.Select(s => s.ProtectedSecret).SingleAsync());
        Assert.NotNull(stored);
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        var audit = await InDatabase(db => db.AuditEntries.Where(e => e.Entity == "WebhookSubscription").Select(e => e.After).ToListAsync());
        Assert.Single(audit);
        Assert.DoesNotContain(key, audit[0]!, StringComparison.Ordinal);
        Assert.DoesNotContain("protectedSecret", audit[0]!, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> As(string token, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = Tokens.Bearer(token);
        if (body is not null)
        {
            request.Content = JsonBody(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Anonymous.SendAsync(request);
    }

    /// <summary>防城港市's work plan with its FDI target and 防城区's share of it.</summary>
    private async Task<(string Document, string County, string Target)> PlanAsync()
    {
        var document = Id(await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", status = "active" }));
        var county = Id(await RegisterUnit("防城港市", "防城区", kind: "districtGovernment"));
        var target = Id(await Expect(Post($"/api/v1/documents/{document}/targets", new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }), HttpStatusCode.Created));
        var (_, etag) = await Read($"/api/v1/targets/{target}/allocations");
        await Expect(Put($"/api/v1/targets/{target}/allocations", new { allocations = new[] { new { unitId = county, value = 2000m } } }, etag), HttpStatusCode.OK);
        return (document, county, target);
    }

    private async Task<string> SubmittedReportAsync(string county, string target)
    {
        var report = Id(await Expect(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M06", value = 990, narrative = "上半年到位外资990万美元" }), HttpStatusCode.Created));
        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);
        return report;
    }

    private async Task<List<JsonNode>> Deliveries(string webhook) =>
        [.. (await Expect(Get($"/api/v1/webhooks/{webhook}/deliveries?limit=100"), HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!)];

    /// <summary>Reads the subscription's deliveries (newest first) until <paramref name="done"/> holds; fails after a while.</summary>
    private async Task<List<JsonNode>> DeliveriesUntil(string webhook, Func<List<JsonNode>, bool> done)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var deliveries = await Deliveries(webhook);
            if (done(deliveries))
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < until, $"The deliveries did not get there in {Patience}: {new JsonArray([.. deliveries.Select(d => d.DeepClone())]).ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
