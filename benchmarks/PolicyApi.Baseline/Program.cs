using System.Text.Json;
using Npgsql;
using PolicyApi.Api.Features.Measures;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Documents;

// The fastest honest way to serve the two hot reads from PolicyApi's schema: raw Npgsql, one round trip per request,
// the same response records and JSON settings, and nothing else — no authentication, authorization, ETags, audit,
// rate limits, validation or problem handling. scripts/load.sh measures PolicyApi against it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
// The same connection settings as the service (no pool reset, automatic preparation, no JIT), so the comparison is
// of what each does per request, not of how it talks to PostgreSQL.
var dataSource = NpgsqlDataSource.Create(PolicyApi.Infrastructure.Persistence.ConnectionSettings.Apply(
    builder.Configuration.GetConnectionString("Policy") ?? throw new InvalidOperationException("Set ConnectionStrings__Policy."),
    new PolicyApi.Infrastructure.Persistence.QueryBudgetOptions()));
var json = new JsonSerializerOptions();
ApiJson.Configure(json);

var app = builder.Build();

app.MapGet("/api/v1/measures/{id:guid}", async (Guid id, HttpContext http, CancellationToken ct) =>
{
    var measures = await ReadAsync(dataSource, "m.id = $1", id, 1, ct);
    if (measures.Count == 0)
    {
        return Results.NotFound();
    }

    return Results.Json(measures[0], json);
});

app.MapGet("/api/v1/measures", async (Guid documentId, int? limit, CancellationToken ct) =>
{
    var size = limit ?? 20;
    var measures = await ReadAsync(dataSource, "m.document_id = $1", documentId, size + 1, ct);
    var more = measures.Count > size;
    var items = more ? measures.Take(size).ToList() : measures;
    var next = more ? Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { items[^1].DocumentId, items[^1].Sequence })) : null;
    return Results.Json(new Page<MeasureResponse>(items, next), json);
});

app.Run();

// One query: the measures with their assignments and the units' names, aggregated as JSON by PostgreSQL.
static async Task<List<MeasureResponse>> ReadAsync(NpgsqlDataSource dataSource, string where, Guid key, int limit, CancellationToken ct)
{
    await using var command = dataSource.CreateCommand($"""
        SELECT m.id, m.document_id, m.chapter_id, m.parent_id, m.label, m.sequence, m.title, m.body, m.kind, m.key_work,
               m.created_at, m.updated_at,
               coalesce((SELECT json_agg(json_build_array(a.id, a.unit_id, u.name, a.role) ORDER BY a.sequence)
                         FROM policy.measure_assignments a JOIN policy.responsible_units u ON u.id = a.unit_id
                         WHERE a.measure_id = m.id), '[]'),
               m.deadline, m.deadline_date
        FROM policy.measures m
        WHERE {where}
        ORDER BY m.document_id, m.sequence
        LIMIT $2
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = key });
    command.Parameters.Add(new NpgsqlParameter { Value = limit });
    await using var reader = await command.ExecuteReaderAsync(ct);
    var measures = new List<MeasureResponse>();
    while (await reader.ReadAsync(ct))
    {
        var units = new List<ResponsibleUnitRef>();
        foreach (var unit in JsonDocument.Parse(reader.GetString(12)).RootElement.EnumerateArray())
        {
            units.Add(new ResponsibleUnitRef(unit[0].GetGuid(), unit[1].GetGuid(), unit[2].GetString()!, Enum.Parse<UnitRole>(unit[3].GetString()!)));
        }

        measures.Add(new MeasureResponse(
            reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
            reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
            Enum.Parse<MeasureKind>(reader.GetString(8)), reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetFieldValue<DateOnly>(14), null, units, null,
            reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11)));
    }

    return measures;
}

