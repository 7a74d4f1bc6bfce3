using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.Documents;

/// <summary>
/// "以下各项措施均需各县区、功能板块落实": every unit of the given kinds in the document's region
/// is responsible for the measure, without being listed one by one.
/// </summary>
public sealed record BlanketAssignment
{
    public BlanketAssignment(string text, IReadOnlyCollection<UnitKind> unitKinds)
    {
        Text = Check.Required(text, "blanketAssignment.text", TextLimits.BlanketAssignmentText);
        ArgumentNullException.ThrowIfNull(unitKinds);
        if (unitKinds.Count == 0)
        {
            throw new DomainValidationException("blanketAssignment.unitKinds", "A blanket assignment names at least one kind of unit.");
        }

        foreach (var kind in unitKinds)
        {
            Check.Defined(kind, "blanketAssignment.unitKinds");
        }

        UnitKinds = unitKinds.Distinct().Order().ToArray();
    }

    /// <summary>The words of the document, e.g. 各县区、功能板块.</summary>
    public string Text { get; }

    public IReadOnlyList<UnitKind> UnitKinds { get; }

    public bool Covers(UnitKind kind) => UnitKinds.Contains(kind);

    public bool Equals(BlanketAssignment? other) =>
        other is not null && Text == other.Text && UnitKinds.SequenceEqual(other.UnitKinds);

    public override int GetHashCode() => HashCode.Combine(Text, UnitKinds.Count);
}
