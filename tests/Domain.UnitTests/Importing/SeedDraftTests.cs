using Xunit.Abstractions;

namespace PolicyApi.Domain.UnitTests.Importing;

/// <summary>
/// The draft of each seed document against its careful reading (data/seeds/expected). Every measure with
/// its label and title, every unit with its role, every task row and every target's value and unit must
/// match; the report of precision and recall per field is written to the test output.
/// </summary>
public sealed class SeedDraftTests(ITestOutputHelper output)
{
    public static TheoryData<string> Seeds => new()
    {
        "lianyungang-2020-measures",
        "dalian-2020-opinions",
        "fangchenggang-2021-workplan",
        "lianyungang-etdz-2021-plan",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Draft_matches_the_careful_reading(string seed)
    {
        var (draft, expected) = GroundTruth.Load(seed);
        var scores = GroundTruth.Compare(draft, expected);
        output.WriteLine(GroundTruth.Report(seed, scores));

        // A well-formed document raises no warning about its lines (tables without header, rows of another width, two 文号).
        Assert.DoesNotContain(draft.Warnings, w => w.StartsWith("Line ", StringComparison.Ordinal));

        string[] exact = ["metadata", "chapters", "measure labels", "measure titles", "measure kinds", "units with roles", "blanket assignments",
            "deadlines", "task rows", "task key work", "task measures", "task units", "target values", "target periods", "target scopes", "target measures", "cadence phrases", "cadence measures", "cadence frequencies"];
        var failures = scores.Where(s => exact.Contains(s.Field) && (s.Precision < 1 || s.Recall < 1)).ToList();
        Assert.True(failures.Count == 0, "Fields that differ from the careful reading:\n" + string.Join('\n', failures.Select(f => f.ToString())));
    }
}
