using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.Hosting;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>
/// Reporting duties and obligations are data the database keeps up to date in the transaction of every change. After
/// a random sequence of changes through the API — assignments and roles, blanket assignments, cadences, document
/// status and period, allocations and scopes, units registered and removed, reports filed, submitted, returned — the
/// maintained tables equal a full recomputation.
/// </summary>
public sealed class ObligationsMaintenanceTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";
    private static readonly string[] Frequencies = ["weekly", "monthly", "quarterly", "halfYearly", "yearly"];
    private static readonly string[] Roles = ["lead", "cooperating", "responsible"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Maintained_AfterARandomSequenceOfChanges_EqualsAFullRecomputation(int seed)
    {
        var random = new Random(seed);
        Clock.SetChinaTime("2021-03-15 09:00");
        var units = new List<string>();
        foreach (var (name, kind) in new[] { ("港口区", "districtGovernment"), ("防城区", "districtGovernment"), ("东兴市", "districtGovernment"), ("市商务局", "department"), ("市财政局", "department"), ("东兴试验区管委会", "functionalZone") })
        {
            units.Add(Id(await RegisterUnit(Region, name, kind)));
        }

        var document = Id(await CreateDocument(new
        {
            title = "2021年防城港市扩大利用外资规模工作方案", region = Region, kind = "workPlan", status = "active",
            period = new { from = "2021-01-01", to = "2021-12-31" }, reportingCadence = new { frequency = "monthly", graceDays = 5 },
        }));
        var measures = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            measures.Add(Id(await CreateMeasure(document, new { label = $"（{i}）", title = $"措施{i}" })));
        }

        var targets = new List<string>
        {
            Id(await SetTarget(document, new { measureId = measures[0], indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" })),
            Id(await SetTarget(document, new { measureId = measures[1], indicator = "外资专题招商活动", unitOfMeasure = "次", comparator = ">=", value = 4, period = "2021", accumulation = "count", reportingCadence = new { frequency = "quarterly", graceDays = 10 } })),
            Id(await SetTarget(document, new { indicator = "新设外资企业", unitOfMeasure = "家", comparator = ">=", value = 30, period = "2021-H2", accumulation = "count" })),
        };

        for (var step = 0; step < 60; step++)
        {
            await RandomChange(random, document, units, measures, targets);
        }

        var maintained = await Snapshot();
        await RecomputeEverything();
        var recomputed = await Snapshot();
        Assert.Equal(recomputed.Duties, maintained.Duties);
        Assert.Equal(recomputed.Obligations, maintained.Obligations);
    }

    [Fact]
    public async Task WhenTheHorizonMovesOn_TheDailyExtension_LaysOutTheNewYearAsAFullRebuildWould()
    {
        Clock.SetChinaTime("2021-03-15 09:00");
        var unit = Id(await RegisterUnit(Region, "港口区", "districtGovernment"));
        var document = Id(await CreateDocument(new
        {
            title = "防城港市稳外资长效机制", region = Region, kind = "workPlan", status = "active",
            period = new { from = "2021-01-01" }, reportingCadence = new { frequency = "monthly", graceDays = 5 },
        }));
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立外资项目库" }));
        await Assign(measure, unit, "responsible");
        var laidOut = await Snapshot();

        // As things stood a year ago: obligations laid out to a horizon a year earlier.
        await Execute("""
            UPDATE policy.obligation_state SET horizon = (horizon - interval '1 year')::date;
            DELETE FROM policy.reporting_obligations WHERE period_start > (SELECT horizon FROM policy.obligation_state);
            """);
        Assert.True((await Snapshot()).Obligations.Count < laidOut.Obligations.Count);

        await using (var scope = Fixture.Factory.Services.CreateAsyncScope())
        {
            var maintenance = scope.ServiceProvider.GetRequiredService<ObligationsMaintenance>();
            Assert.True(await maintenance.ExtendAsync(CancellationToken.None) >= 1);
            Assert.Equal(0, await maintenance.ExtendAsync(CancellationToken.None)); // once a horizon, not every day
        }

        Assert.Equal(laidOut, await Snapshot());
    }

    [Fact]
    public async Task RebuildCommand_RestoresADocumentsObligations_AndRefusesAnUnknownDocument()
    {
        Clock.SetChinaTime("2021-03-15 09:00");
        var unit = Id(await RegisterUnit(Region, "防城区", "districtGovernment"));
        var document = Id(await CreateDocument(new
        {
            title = "2021年防城港市扩大利用外资规模工作方案", region = Region, kind = "workPlan", status = "active",
            period = new { from = "2021-01-01", to = "2021-12-31" }, reportingCadence = new { frequency = "quarterly", graceDays = 10 },
        }));
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "开展专题招商" }));
        await Assign(measure, unit, "lead");
        var before = await Snapshot();
        await Execute($"DELETE FROM policy.reporting_obligations WHERE document_id = '{document}'; DELETE FROM policy.reporting_duties WHERE document_id = '{document}';");

        var output = new StringWriter();
        var errors = new StringWriter();
        // It runs with the service's configuration: its connection string and its audit key.
        var connection = $"--ConnectionStrings:Policy={Fixture.ConnectionString}";
        var auditKey = $"--Audit:SigningKey={Convert.ToBase64String(new byte[32])}";
        Assert.Equal(0, await RebuildObligationsCommand.RunAsync(["--document", document, connection, auditKey], output, errors));
        Assert.Contains($"document {document}: 4", output.ToString(), StringComparison.Ordinal); // Q1–Q4
        Assert.Equal(before, await Snapshot());

        Assert.Equal(2, await RebuildObligationsCommand.RunAsync(["--document", Guid.NewGuid().ToString(), connection, auditKey], output, errors));
        Assert.Equal(2, await RebuildObligationsCommand.RunAsync(["--document", "港口区", connection, auditKey], output, errors));
        Assert.Contains("no document", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentWritersTouchingOneMeasure_AllSucceed_AndLeaveWhatAFullRecomputationWould()
    {
        Clock.SetChinaTime("2021-03-15 09:00");
        var document = Id(await CreateDocument(new
        {
            title = "2021年防城港市扩大利用外资规模工作方案", region = Region, kind = "workPlan", status = "active",
            period = new { from = "2021-01-01", to = "2021-12-31" }, reportingCadence = new { frequency = "weekly", graceDays = 3 },
        }));
        var measure = Id(await CreateMeasure(document, new
        {
            label = "（一）", title = "落实外资项目服务", blanketAssignment = new { text = "各县区", unitKinds = new[] { "districtGovernment" } },
        }));

        // Eight districts registered at once: each registration's transaction lays out the blanket measure's obligations
        // again, at its commit, while the others do the same.
        var names = new[] { "港口区", "防城区", "上思县", "东兴市", "钦南区", "钦北区", "灵山县", "浦北县" };
        var answers = await Task.WhenAll(names.Select(n => Post("/api/v1/units", new { region = Region, name = n, kind = "districtGovernment" })));
        foreach (var answer in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            Assert.Fail($"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }

        var maintained = await Snapshot();
        Assert.Equal(8, maintained.Duties.Count(d => d.StartsWith(measure, StringComparison.Ordinal)));
        await RecomputeEverything();
        Assert.Equal(await Snapshot(), maintained);
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task RandomChange(Random random, string document, List<string> units, List<string> measures, List<string> targets)
    {
        var measure = measures[random.Next(measures.Count)];
        var unit = units[random.Next(units.Count)];
        switch (random.Next(10))
        {
            case 0:
            case 1:
                using (var assigned = await Post($"/api/v1/measures/{measure}/assignments", new { unitId = unit, role = Roles[random.Next(Roles.Length)] }))
                {
                    // 201, or 409 when the unit is already assigned: either way the change (or none) is what it is.
                }

                break;
            case 2:
                var assignments = (await Expect(Get($"/api/v1/measures/{measure}/assignments"), HttpStatusCode.OK))["items"]!.AsArray();
                if (assignments.Count > 0)
                {
                    var assignment = assignments[random.Next(assignments.Count)]!;
                    var (_, etag) = await Read($"/api/v1/measures/{measure}/assignments/{Id(assignment)}");
                    if (random.Next(2) == 0)
                    {
                        await Expect(Delete($"/api/v1/measures/{measure}/assignments/{Id(assignment)}", etag), HttpStatusCode.NoContent);
                    }
                    else
                    {
                        await Expect(Put($"/api/v1/measures/{measure}/assignments/{Id(assignment)}", new { role = Roles[random.Next(Roles.Length)] }, etag), HttpStatusCode.OK);
                    }
                }

                break;
            case 3:
                var (current, measureTag) = await Read($"/api/v1/measures/{measure}");
                await Expect(Put($"/api/v1/measures/{measure}", new
                {
                    label = (string)current["label"]!,
                    title = (string)current["title"]!,
                    kind = random.Next(5) == 0 ? "heading" : "measure",
                    reportingCadence = random.Next(3) == 0 ? null : new { frequency = Frequencies[random.Next(Frequencies.Length)], graceDays = random.Next(0, 15) },
                    blanketAssignment = random.Next(2) == 0 ? null : new { text = "各县市区人民政府", unitKinds = new[] { "districtGovernment" } },
                }, measureTag), HttpStatusCode.OK);
                break;
            case 4:
                var (doc, documentTag) = await Read($"/api/v1/documents/{document}");
                await Expect(Put($"/api/v1/documents/{document}", new
                {
                    title = (string)doc["title"]!,
                    region = Region,
                    kind = "workPlan",
                    status = random.Next(8) == 0 ? "draft" : "active",
                    period = random.Next(3) == 0 ? new { from = "2021-04-01", to = "2022-03-31" } : new { from = "2021-01-01", to = "2021-12-31" },
                    reportingCadence = new { frequency = Frequencies[random.Next(Frequencies.Length)], graceDays = random.Next(0, 10) },
                }, documentTag), HttpStatusCode.OK);
                break;
            case 5:
                var target = targets[random.Next(targets.Count)];
                var (_, allocationTag) = await Read($"/api/v1/targets/{target}/allocations");
                var shares = units.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(u => new { unitId = u, value = 1m }).ToList();
                using (var allocated = await Put($"/api/v1/targets/{target}/allocations", new { allocations = shares }, allocationTag))
                {
                    // 200, or 409 for a target that cannot be split (a count is fine, but a rate is not).
                }

                break;
            case 6:
                var name = $"新设单位{random.Next(1000)}区";
                using (var registered = await Post("/api/v1/units", new { region = Region, name, kind = random.Next(2) == 0 ? "districtGovernment" : "functionalZone" }))
                {
                    if (registered.StatusCode == HttpStatusCode.Created)
                    {
                        units.Add((string)JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["id"]!);
                    }
                }

                break;
            case 7:
                var (unitBody, unitTag) = await Read($"/api/v1/units/{unit}");
                using (var removed = await Delete($"/api/v1/units/{unit}", unitTag))
                {
                    if (removed.StatusCode == HttpStatusCode.NoContent)
                    {
                        units.Remove(unit);
                    }
                }

                break;
            default:
                var month = random.Next(1, 13);
                var subjectIsTarget = random.Next(2) == 0;
                using (var filed = await Post("/api/v1/progress-reports", subjectIsTarget
                    ? new { unitId = unit, measureId = (string?)null, targetId = (string?)targets[0], period = $"2021-M{month:D2}", value = (decimal?)(100 * month), narrative = "进展" }
                    : new { unitId = unit, measureId = (string?)measure, targetId = (string?)null, period = $"2021-M{month:D2}", value = (decimal?)null, narrative = "进展" }))
                {
                    if (filed.StatusCode == HttpStatusCode.Created && random.Next(3) > 0)
                    {
                        var report = (string)JsonNode.Parse(await filed.Content.ReadAsStringAsync())!["id"]!;
                        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);
                        if (random.Next(2) == 0)
                        {
                            await Expect(Post($"/api/v1/progress-reports/{report}/return", new { reason = "请补充材料" }), HttpStatusCode.OK);
                        }
                    }
                }

                break;
        }
    }

    private async Task RecomputeEverything()
    {
        await using var connection = new NpgsqlConnection(Fixture.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT policy.refresh_obligations(NULL, NULL)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<Tables> Snapshot()
    {
        await using var connection = new NpgsqlConnection(Fixture.OwnerConnectionString);
        await connection.OpenAsync();
        return new Tables(
            await Rows(connection, "SELECT concat_ws('|', subject_id, unit_id, subject_type, document_id, owes) FROM policy.reporting_duties ORDER BY 1"),
            await Rows(connection, """
                SELECT concat_ws('|', subject_id, unit_id, period_code, subject_type, document_id, period_start, period_end, due_on, report_id, report_status, first_submitted_at)
                FROM policy.reporting_obligations ORDER BY 1
                """));
    }

    private sealed record Tables(List<string> Duties, List<string> Obligations)
    {
        public bool Equals(Tables? other) => other is not null && Duties.SequenceEqual(other.Duties) && Obligations.SequenceEqual(other.Obligations);

        public override int GetHashCode() => HashCode.Combine(Duties.Count, Obligations.Count);
    }

    private static async Task<List<string>> Rows(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
