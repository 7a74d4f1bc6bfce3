using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>
/// No 500 for a caller's mistake: requests generated from the OpenAPI document (fixed seed, every operation) with
/// wrong types, missing and extra fields, NUL and other control characters, lone surrogates, huge and boundary
/// numbers, far dates and offsets, foreign and garbage cursors, odd content types — against a database holding a
/// real document, so that ids in paths often exist. Every answer must be below 500, and every 4xx a problem body.
/// </summary>
public sealed class FuzzTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const int Seed = 20261202;
    private const int RequestsPerOperation = 60;

    private static readonly string[] NastyStrings =
    [
        string.Empty, " ", "\u0000", "市商务局\u0000", "\u0001\u0002\u001f", "\u007f", "\ud800", "a\udc00b", "\r\n\t", "连云港市",
        "' OR 1=1 --", "%", "_", "\\", "<script>alert(1)</script>", "{\"a\":1}", "null", "NaN", "-1", "1e400",
        new string('长', 5000), "2021-02-30", "9999-12-31", "0001-01-01", "2021-06-30T00:00:00+08:00", "2021-W53", "2021-M13", "2021-Q5",
        "2021-H3", "2021-03-01/2020-02-28", "=", ">=", "<=", "atLeast", "👍", "\uFEFF", "\u202E", "0", "-0",
    ];

    private static readonly string[] NastyNumbers =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "1e14", "99999999999999.9999", "1e30", "-1e30",
        "1e-30", "0.00001", "123456789012345678901234567890", "1.5", "-0", "\"12\"", "true", "null", "[]", "{}",
    ];

    private static readonly string[] NastyDates =
    [
        "0001-01-01", "1900-01-01", "1999-12-31", "2021-02-29", "2021-02-30", "2021-06-30", "2100-01-01", "9000-01-01", "9999-12-31",
        "2021-6-30", "20210630", "2021-06-30T00:00:00", "", "\u0000",
    ];

    private static readonly string[] NastyInstants =
    [
        "2021-06-30T00:00:00Z", "2021-06-30T00:00:00+08:00", "2021-06-30T00:00:00-12:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
        "2021-06-30", "2021-06-30T25:00:00Z", "now", "\u0000",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/xml",
        "application/x-www-form-urlencoded", "application/json; charset=latin1", "multipart/form-data",
    ];

    [Fact]
    public async Task GeneratedRequests_ToEveryOperation_NeverAnswer500_AndEvery4xxIsAProblem()
    {
        var known = await RealIds();
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var schemas = document["components"]?["schemas"]?.AsObject();
        var random = new Random(Seed);
        var cursors = new List<string>();
        var failures = new List<string>();
        var sent = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                for (var i = 0; i < RequestsPerOperation; i++)
                {
                    using var request = Build(random, path, method, operation!, schemas, known, cursors);
                    var described = $"{request.Method} {request.RequestUri} {(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync())}";
                    using var response = await Client.SendAsync(request);
                    sent++;
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    if (status >= 500)
                    {
                        failures.Add($"{status} for {Shorten(described)} → {Shorten(text)}");
                    }
                    else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{status} without a problem body for {Shorten(described)} ({response.Content.Headers.ContentType})");
                    }
                    else if (status == 200 && JsonCursor(text) is { } cursor)
                    {
                        cursors.Add(cursor);
                    }
                }
            }
        }

        Assert.True(sent >= 3000, $"Only {sent} requests were generated.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join('\n', failures.Distinct().Take(60)));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string? JsonCursor(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject o && o["nextCursor"] is JsonValue v ? (string?)v : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A real document with chapters, measures, units, a target and a report, so that many generated ids exist.</summary>
    private async Task<Dictionary<string, List<string>>> RealIds()
    {
        var unit = Id(await RegisterUnit(Lianyungang, "市商务局"));
        var other = Id(await RegisterUnit(Lianyungang, "市发展和改革委员会", aliases: ["市发改委"]));
        var document = Id(await CreateDocument());
        var chapter = Id(await CreateChapter(document, "一、", "强化组织领导"));
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制", chapterId = chapter }));
        var assignment = Id(await Assign(measure, unit, "lead"));
        await Assign(measure, other, "cooperating");
        var target = Id(await Expect(Post($"/api/v1/documents/{document}/targets", new
        {
            measureId = measure, indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative",
        }), HttpStatusCode.Created));
        var report = Id(await Expect(Post("/api/v1/progress-reports", new { unitId = unit, measureId = measure, targetId = target, period = "2021-M06", value = 3550, narrative = "上半年实际利用外资3550万美元" }), HttpStatusCode.Created));
        var import = Id(await Expect(Post("/api/v1/imports", new { text = "一、强化组织领导\n（一）建立领导推动机制。（责任单位：市商务局）", region = Lianyungang }), HttpStatusCode.Created));
        return new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["documentId"] = [document], ["chapterId"] = [chapter], ["measureId"] = [measure], ["parentId"] = [measure],
            ["assignmentId"] = [assignment], ["unitId"] = [unit, other], ["targetId"] = [target], ["reportId"] = [report],
            ["importId"] = [import], ["id"] = [document, measure, unit, target, report, import],
        };
    }

    private static HttpRequestMessage Build(Random random, string path, string method, JsonNode operation, JsonObject? schemas, Dictionary<string, List<string>> known, List<string> cursors)
    {
        var url = new StringBuilder(path);
        var query = new List<string>();
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var name = (string)parameter!["name"]!;
            var location = (string)parameter["in"]!;
            var required = (bool?)parameter["required"] ?? false;
            var value = ParameterValue(random, name, Resolve(parameter["schema"], schemas), known, cursors);
            switch (location)
            {
                case "path":
                    // A NUL in the path never reaches the application: Kestrel refuses it (400) before routing.
                    url.Replace($"{{{name}}}", Uri.EscapeDataString(value.Replace("\0", string.Empty, StringComparison.Ordinal)));
                    break;
                case "query" when required || random.Next(3) > 0:
                    query.Add($"{(random.Next(10) == 0 ? char.ToUpperInvariant(name[0]) + name[1..] : name)}={Uri.EscapeDataString(value)}");
                    break;
            }
        }

        if (random.Next(8) == 0)
        {
            query.Add($"unexpected{random.Next(100)}={Uri.EscapeDataString(Pick(random, NastyStrings))}");
        }

        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty));
        if (method is "put" or "delete")
        {
            request.Headers.TryAddWithoutValidation("If-Match", random.Next(4) switch { 0 => "*", 1 => "\"stale\"", 2 => "garbage", _ => "W/\"weak\"" });
        }

        if (random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(3) == 0 ? new string('k', 300) : $"fuzz-{random.Next(20)}");
        }

        if (operation["requestBody"]?["content"] is JsonObject content)
        {
            var mediaType = content.ContainsKey("application/json") ? "application/json" : content.First().Key;
            var schema = Resolve(content[mediaType]?["schema"], schemas);
            var body = mediaType == "application/json"
                ? BodyJson(random, schema, schemas, known, cursors, depth: 0)
                : Pick(random, NastyStrings);
            var contentType = random.Next(5) == 0 ? Pick(random, ContentTypes) : mediaType;
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (random.Next(12) == 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", random.Next(2) == 0 ? "text/csv" : "application/pdf");
        }

        return request;
    }

    private static string ParameterValue(Random random, string name, JsonNode? schema, Dictionary<string, List<string>> known, List<string> cursors)
    {
        if (name.Equals("cursor", StringComparison.OrdinalIgnoreCase))
        {
            return random.Next(3) switch
            {
                0 when cursors.Count > 0 => cursors[random.Next(cursors.Count)],
                1 => Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"Id\":\"not-a-guid\",\"Sequence\":-1}")),
                _ => Pick(random, ["garbage", "eyJ9", "%%%", "\u0000", "e30", new string('A', 4000)]),
            };
        }

        if (known.TryGetValue(name, out var ids) && random.Next(3) > 0)
        {
            return ids[random.Next(ids.Count)];
        }

        return Scalar(random, schema);
    }

    private static string Scalar(Random random, JsonNode? schema)
    {
        var (type, format) = TypeOf(schema);
        if (schema?["enum"] is JsonArray values && values.Count > 0 && random.Next(3) > 0)
        {
            return values[random.Next(values.Count)]?.ToString() ?? "null";
        }

        return (type, format) switch
        {
            (_, "uuid") => random.Next(3) > 0 ? Guid.NewGuid().ToString() : Pick(random, ["not-a-guid", "00000000-0000-0000-0000-000000000000", "\u0000", "{" + Guid.NewGuid() + "}"]),
            (_, "date") => Pick(random, NastyDates),
            (_, "date-time") => Pick(random, NastyInstants),
            ("integer", _) or ("number", _) => Pick(random, NastyNumbers).Trim('"'),
            ("boolean", _) => Pick(random, ["true", "false", "yes", "1", "\u0000"]),
            _ => Pick(random, NastyStrings),
        };
    }

    private static string BodyJson(Random random, JsonNode? schema, JsonObject? schemas, Dictionary<string, List<string>> known, List<string> cursors, int depth) =>
        random.Next(20) switch
        {
            0 => Pick(random, ["", "{", "[]", "null", "\"text\"", "{\"a\":", "{}", "{\"\u0000\":1}"]),
            _ => Value(random, schema, schemas, known, depth, name: null)?.ToJsonString() ?? "null",
        };

    private static JsonNode? Value(Random random, JsonNode? schema, JsonObject? schemas, Dictionary<string, List<string>> known, int depth, string? name)
    {
        schema = Resolve(schema, schemas);
        if (random.Next(25) == 0)
        {
            return null;
        }

        if (random.Next(25) == 0)
        {
            return JsonNode.Parse(Pick(random, NastyNumbers));
        }

        var (type, format) = TypeOf(schema);
        if (name is not null && known.TryGetValue(name, out var ids) && random.Next(3) > 0)
        {
            return JsonValue.Create(ids[random.Next(ids.Count)]);
        }

        // Most values are sensible, so that requests get past the first check and into the rules behind it.
        if (type is not ("object" or "array") && random.Next(10) < 7 && Good(random, name, schema) is { } good)
        {
            return good;
        }

        switch (type)
        {
            case "object" when depth < 4:
                var result = new JsonObject();
                foreach (var (property, propertySchema) in schema?["properties"]?.AsObject() ?? [])
                {
                    if (random.Next(6) > 0)
                    {
                        result[property] = Value(random, propertySchema, schemas, known, depth + 1, property);
                    }
                }

                if (random.Next(10) == 0)
                {
                    result[$"extra{random.Next(5)}"] = "unexpected";
                }

                return result;
            case "array" when depth < 4:
                var array = new JsonArray();
                var count = random.Next(8) == 0 ? random.Next(50, 120) : random.Next(0, 4);
                for (var i = 0; i < count; i++)
                {
                    array.Add(Value(random, schema?["items"], schemas, known, depth + 1, null));
                }

                return array;
            case "integer" or "number":
                return JsonNode.Parse(Pick(random, NastyNumbers));
            case "boolean":
                return random.Next(4) == 0 ? JsonValue.Create("true") : JsonValue.Create(random.Next(2) == 0);
            default:
                var text = Scalar(random, schema);
                return format is "uuid" && text == "00000000-0000-0000-0000-000000000000" ? JsonValue.Create(Guid.Empty) : JsonValue.Create(text);
        }
    }

    private static JsonNode? Good(Random random, string? name, JsonNode? schema)
    {
        var (type, format) = TypeOf(schema);
        if (schema?["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        return (name?.ToLowerInvariant(), type, format) switch
        {
            ("region", _, _) => JsonValue.Create(Pick(random, ["连云港市", "大连市", "防城港市"])),
            ("period", "string", _) => JsonValue.Create(Pick(random, ["2021", "2021-M06", "2021-Q2", "2021-H1", "2021-W05", "2021-01-01/2021-12-31"])),
            ("comparator", _, _) => JsonValue.Create(Pick(random, [">=", "<=", "="])),
            ("unitofmeasure", _, _) => JsonValue.Create(Pick(random, ["万美元", "%", "个", "次", "工作日"])),
            ("role", _, _) => JsonValue.Create(Pick(random, ["lead", "cooperating", "responsible"])),
            ("accumulation", _, _) => JsonValue.Create(Pick(random, ["cumulative", "increments", "count", "level"])),
            ("scope", _, _) => JsonValue.Create(Pick(random, ["region", "eachUnit"])),
            ("frequency", _, _) => JsonValue.Create(Pick(random, ["weekly", "monthly", "quarterly", "halfYearly", "yearly"])),
            ("value" or "share", _, _) => JsonValue.Create(Pick(random, ["0", "1", "600", "3550", "7000", "-5", "100"]) is var v ? decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 0m),
            (_, _, "uuid") => JsonValue.Create(Guid.NewGuid()),
            (_, _, "date") => JsonValue.Create(Pick(random, ["2021-01-01", "2021-06-30", "2021-12-31", "2020-07-23"])),
            (_, _, "date-time") => JsonValue.Create("2021-06-30T00:00:00Z"),
            (_, "integer", _) => JsonValue.Create(random.Next(-2, 40)),
            (_, "number", _) => JsonValue.Create(random.Next(-10, 10000)),
            (_, "boolean", _) => JsonValue.Create(random.Next(2) == 0),
            (_, "string", _) => JsonValue.Create(Pick(random, ["建立领导推动机制", "（一）", "一、", "市商务局", "2021年实际利用外资7000万美元", "已建立专班"])),
            _ => null,
        };
    }

    private static (string? Type, string? Format) TypeOf(JsonNode? schema)
    {
        var typeNode = schema?["type"];
        var type = typeNode switch
        {
            JsonValue v => (string?)v,
            JsonArray a => a.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            _ => schema?["properties"] is not null ? "object" : null,
        };
        return (type, (string?)schema?["format"]);
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
    {
        for (var i = 0; i < 5 && schema is not null; i++)
        {
            if (schema["$ref"] is JsonValue reference)
            {
                schema = schemas?[((string)reference!).Split('/')[^1]];
                continue;
            }

            if (schema["allOf"] is JsonArray { Count: > 0 } allOf)
            {
                schema = allOf[0];
                continue;
            }

            if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray { Count: > 0 } oneOf)
            {
                schema = oneOf.FirstOrDefault(s => (string?)s?["type"] != "null") ?? oneOf[0];
                continue;
            }

            break;
        }

        return schema;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
