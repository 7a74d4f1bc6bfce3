using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.Features.Supervision;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.IntegrationTests.Supervision;

namespace PolicyApi.Api.IntegrationTests.Webhooks;

/// <summary>target.statusChanged: a dashboard learns when a target falls behind or is achieved, once per change.</summary>
public sealed class TargetStatusTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";

    private async Task<int> Check()
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TargetStatusWatch>().CheckAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TargetAchieved_IsAnnouncedOnce_WithWhereItCameFrom()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, fdi) = await MonthlyPlanAsync(1500m);
        var dongxing = Id(await RegisterUnit(Region, "东兴市", kind: "districtGovernment"));
        await Allocate(fdi, (dongxing, 1500m));
        await Report(dongxing, fdi, "2021-M05", 500m, "2021-06-03 10:00", "2021-06-04 10:00");
        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/dashboard", eventTypes = new[] { "target.statusChanged" }, format = "standard" }), HttpStatusCode.Created))["webhook"]!);

        Clock.SetChinaTime("2021-06-10 09:00");
        Assert.Equal(0, await Check()); // first sight: recorded, not announced
        var before = (string)(await Expect(Get($"/api/v1/targets/{fdi}/attainment"), HttpStatusCode.OK))["status"]!;

        await Report(dongxing, fdi, "2021-M06", 1600m, "2021-07-03 10:00", "2021-07-04 10:00");
        Clock.SetChinaTime("2021-07-05 09:00");
        Assert.Equal(1, await Check());
        Assert.Equal(0, await Check()); // the next check: nothing new

        var until = DateTime.UtcNow.AddSeconds(20);
        while (receiver.Received.IsEmpty && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        var sent = JsonNode.Parse(Assert.Single(receiver.Received).Body)!;
        Assert.Equal("target.statusChanged", (string?)sent["type"]);
        Assert.Equal(fdi, (string?)sent["data"]!["targetId"]);
        Assert.Equal(before, (string?)sent["data"]!["from"]);
        Assert.Equal("achieved", (string?)sent["data"]!["to"]);
        Assert.NotEqual("achieved", before);
        Assert.NotNull(webhook);
    }
}
