using System.Net;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Registry;

public sealed class AssignmentsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task Assign_LeadAndCooperatingUnits_KeepsTheDocumentsOrderAndRoles()
    {
        var (measure, _) = await AMeasure();
        var counties = await RegisterUnit(Lianyungang, "各县区政府", kind: "districtGovernment");
        var commerce = await RegisterUnit(Lianyungang, "市商务局");

        var created = await Expect(Post($"/api/v1/measures/{Id(measure)}/assignments", new { unitId = Id(counties), role = "lead" }), HttpStatusCode.Created);
        await Assign(Id(measure), Id(commerce), "cooperating");

        Assert.Equal("各县区政府", (string?)created["unitName"]);
        var list = await Expect(Get($"/api/v1/measures/{Id(measure)}/assignments"), HttpStatusCode.OK);
        Assert.Equal(["各县区政府", "市商务局"], list["items"]!.AsArray().Select(a => (string)a!["unitName"]!));
        Assert.Equal(["lead", "cooperating"], list["items"]!.AsArray().Select(a => (string)a!["role"]!));
        Assert.Equal([1, 2], list["items"]!.AsArray().Select(a => (int)a!["sequence"]!));
    }

    [Fact]
    public async Task Assign_TheSameUnitTwice_Returns409()
    {
        var (measure, unit) = await AMeasure();
        await Assign(Id(measure), Id(unit), "lead");

        await ExpectProblem(
            Post($"/api/v1/measures/{Id(measure)}/assignments", new { unitId = Id(unit), role = "cooperating" }),
            HttpStatusCode.Conflict,
            "urn:policyapi:problem:unit-already-assigned",
            "unitId");
    }

    [Fact]
    public async Task Assign_AUnitOfAnotherRegion_Returns409AndStoresNothing()
    {
        var (measure, _) = await AMeasure();
        var dalian = await RegisterUnit(Dalian, "市商务局");

        await ExpectProblem(
            Post($"/api/v1/measures/{Id(measure)}/assignments", new { unitId = Id(dalian), role = "lead" }),
            HttpStatusCode.Conflict,
            "urn:policyapi:problem:unit-of-another-region",
            "unitId");

        var list = await Expect(Get($"/api/v1/measures/{Id(measure)}/assignments"), HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
    }

    [Theory]
    [InlineData("{\"role\":\"lead\"}", "unitId")]
    [InlineData("{\"unitId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04\"}", "role")]
    [InlineData("{\"unitId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04\",\"role\":\"牵头\"}", "role")]
    [InlineData("{\"unitId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04\",\"role\":\"lead\"}", "unitId")]
    public async Task Assign_WithInvalidFields_Returns400NamingTheField(string json, string field)
    {
        var (measure, _) = await AMeasure();

        await ExpectProblem(Post($"/api/v1/measures/{Id(measure)}/assignments", RawJson(json)), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", field);
    }

    [Fact]
    public async Task Assign_ToAMissingMeasure_Returns404()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局");

        await ExpectProblem(Post($"/api/v1/measures/{Guid.NewGuid()}/assignments", new { unitId = Id(unit), role = "lead" }), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }

    [Fact]
    public async Task ChangeRole_AndRemove_RequireTheCurrentETag()
    {
        var (measure, unit) = await AMeasure();
        var assignment = await Assign(Id(measure), Id(unit), "responsible");
        var url = $"/api/v1/measures/{Id(measure)}/assignments/{Id(assignment)}";
        var (_, etag) = await Read(url);

        await ExpectProblem(Put(url, new { role = "lead" }, null), (HttpStatusCode)428, "urn:policyapi:problem:precondition-required");
        var changed = await Expect(Put(url, new { role = "lead" }, etag), HttpStatusCode.OK);
        Assert.Equal("lead", (string?)changed["role"]);
        await ExpectProblem(Delete(url, etag), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");

        var (_, current) = await Read(url);
        await Expect(Delete(url, current), HttpStatusCode.NoContent);
        await ExpectProblem(Get(url), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        var (measureNow, _) = await Read($"/api/v1/measures/{Id(measure)}");
        Assert.Empty(measureNow["responsibleUnits"]!.AsArray());
    }

    private async Task<(System.Text.Json.Nodes.JsonNode Measure, System.Text.Json.Nodes.JsonNode Unit)> AMeasure()
    {
        var document = await CreateDocument();
        var measure = await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制" });
        var unit = await RegisterUnit(Lianyungang, "市考核办");
        return (measure, unit);
    }
}
