using System.Net;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>Query parameters are camelCase like the JSON; the PascalCase spellings v1 once documented still bind.</summary>
public sealed class QueryParametersTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Theory]
    [InlineData("asOf")]
    [InlineData("AsOf")]
    [InlineData("ASOF")]
    public async Task AsOf_InEitherSpelling_IsReadAndNamedAsOfWhenInvalid(string spelling)
    {
        await ExpectProblem(Get($"/api/v1/supervision/due?{spelling}=2021-02-30"), HttpStatusCode.BadRequest, Validation, "asOf");

        var page = await Expect(Get($"/api/v1/supervision/due?{spelling}=2021-07-10"), HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
    }

    [Fact]
    public async Task Filters_InCamelCaseAndPascalCase_SelectTheSameItems()
    {
        await CreateDocument(LianyungangDocument("连政发〔2020〕61号"));
        await CreateDocument(LianyungangDocument("连政发〔2020〕62号"));
        await CreateDocument(new { title = "大连市人民政府关于进一步做好稳外资工作的实施意见", docNumber = "大政发〔2020〕24号", issuer = "大连市人民政府", region = Dalian, issuedOn = "2020-11-15", kind = "implementationOpinions" });

        foreach (var (camel, pascal) in new[] { ($"region={Lianyungang}&limit=1", $"Region={Lianyungang}&Limit=1"), ("kind=implementationOpinions", "Kind=implementationOpinions"), ("year=2020&q=稳外资", "Year=2020&Q=稳外资") })
        {
            var expected = await Expect(Get($"/api/v1/documents?{camel}"), HttpStatusCode.OK);
            var actual = await Expect(Get($"/api/v1/documents?{pascal}"), HttpStatusCode.OK);

            Assert.Equal(expected["items"]!.ToJsonString(), actual["items"]!.ToJsonString());
        }

        var limited = await Expect(Get($"/api/v1/documents?Region={Lianyungang}&Limit=1"), HttpStatusCode.OK);
        Assert.Single(limited["items"]!.AsArray());
        Assert.NotNull((string?)limited["nextCursor"]);
        await ExpectProblem(Get("/api/v1/documents?Limit=0"), HttpStatusCode.BadRequest, Validation, "limit");
    }
}
