using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.IntegrationTests.Supervision;
using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.IntegrationTests.Webhooks;

/// <summary>催办: an obligation passing its due date unmet is reminded once, a due date coming up once, whatever restarts or replicas.</summary>
public sealed class ReminderTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";

    private async Task<int> Raise()
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Reminders>().RaiseAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OverdueObligation_IsRemindedOnce_AndTheGroupReadsWhoIsHowLate()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, fdi) = await MonthlyPlanAsync();
        var commerce = Id(await RegisterUnit(Region, "区商务局"));
        await Allocate(fdi, (commerce, 2000m));
        for (var month = 1; month <= 5; month++)
        {
            await Report(commerce, fdi, $"2021-M0{month}", 100m * month, $"2021-0{month + 1}-03 10:00", $"2021-0{month + 1}-04 10:00");
        }

        var webhook = Id((await Expect(Post("/api/v1/webhooks", new { url = receiver.BaseUrl + "/robot/send?access_token=duban", eventTypes = new[] { "obligation.overdue" }, format = "dingtalk" }), HttpStatusCode.Created))["webhook"]!);

        // 10 July: June's report (due 5 July) is 5 days late; nothing else is owed or close to due.
        Clock.SetChinaTime("2021-07-10 09:00");
        var together = await Task.WhenAll(Raise(), Raise()); // two replicas at once: one raises, the other finds it held or done
        Assert.Equal(1, together.Sum());
        Assert.Equal(0, await Raise()); // a restart, the next run: nothing twice

        var delivery = await Until(async () => (await Expect(Get($"/api/v1/webhooks/{webhook}/deliveries"), HttpStatusCode.OK))["items"]!.AsArray().SingleOrDefault(d => (string?)d!["status"] == "succeeded"));
        Assert.Equal("obligation.overdue", (string?)delivery!["eventType"]);
        var message = JsonNode.Parse(Assert.Single(receiver.Received).Body)!;
        Assert.Equal("区商务局 2021年6月进展报告逾期5天", (string?)message["text"]!["content"]);

        // 3 August: July's report is due on the 5th — a dueSoon reminder, once (no subscription takes it: nothing is sent).
        Clock.SetChinaTime("2021-08-03 09:00");
        Assert.Equal(1, await Raise());
        Assert.Equal(0, await Raise());
        var kept = await InDatabase(db => db.Set<ObligationReminder>().OrderBy(r => r.PeriodCode).Select(r => new { r.PeriodCode, r.Kind }).ToListAsync());
        Assert.Equal([("2021-M06", ReminderKind.Overdue), ("2021-M07", ReminderKind.DueSoon)], kept.Select(r => (r.PeriodCode, r.Kind)));
        Assert.Single(receiver.Received);
    }

    private static async Task<JsonNode?> Until(Func<Task<JsonNode?>> probe)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < until, "The reminder was not delivered in 20 s.");
            await Task.Delay(50);
        }
    }
}
