using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Domain.Common;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.IntegrationTests.Startup;

/// <summary>The schema the migrations build is the one the model describes, with the lengths the domain declares.</summary>
public sealed class SchemaTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Model_WhenComparedWithTheMigrations_HasNoChangeWithoutAMigration()
    {
        var pending = await InDatabase(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The EF model differs from the last migration's snapshot: add a migration (docs/architecture.md, step 7).");
    }

    [Theory]
    [InlineData("documents", "title", TextLimits.Title)]
    [InlineData("documents", "doc_number_key", TextLimits.DocNumber)]
    [InlineData("measures", "title", TextLimits.MeasureTitle)]
    [InlineData("measures", "blanket_text", TextLimits.BlanketAssignmentText)]
    [InlineData("targets", "text", TextLimits.TargetText)]
    [InlineData("unit_names", "key", TextLimits.UnitName)]
    [InlineData("progress_reports", "narrative", TextLimits.Narrative)]
    [InlineData("progress_report_revisions", "correction", TextLimits.ReturnReason)]
    [InlineData("progress_reports", "reviewed_by", TextLimits.Subject)]
    [InlineData("progress_report_revisions", "actor_role", 40)]
    [InlineData("obligation_reminders", "period_code", TextLimits.PeriodCode)]
    [InlineData("imports", "created_by", TextLimits.Subject)]
    [InlineData("evidence_files", "file_name", TextLimits.FileName)]
    public async Task TextColumn_InTheDatabase_HasTheLengthTheDomainDeclares(string table, string column, int length)
    {
        var actual = await InDatabase(db => db.Database.SqlQuery<int?>(
            $"""
            SELECT NULLIF(atttypmod, -1) - 4 AS "Value" FROM pg_attribute
            WHERE attrelid = to_regclass({$"{PolicyDbContext.Schema}.{table}"}) AND attname = {column} AND NOT attisdropped
            """).SingleAsync());

        Assert.Equal(length, actual);
    }
}
