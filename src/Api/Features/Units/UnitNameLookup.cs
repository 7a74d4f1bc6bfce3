using System.Linq.Expressions;

namespace PolicyApi.Api.Features.Units;

/// <summary>How a representation shows a unit it names: its name, and its version (which the representation's ETag includes).</summary>
public sealed record UnitLabel(string Name, int Version)
{
    public static readonly UnitLabel Unknown = new(string.Empty, 0);

    /// <summary>
    /// The label of the unit that <paramref name="unitId"/> names, read in the same query as the row that names it
    /// (what a representation embeds: see <see cref="Http.EmbeddedReads"/>).
    /// </summary>
    public static Expression<Func<T, UnitLabel>> Of<T>(PolicyDbContext db, Expression<Func<T, Guid>> unitId)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        Expression<Func<Guid, UnitLabel>> label = id => db.Units.Where(u => u.Id == id).Select(u => new UnitLabel(u.Name, u.Version)).First();
        return Expression.Lambda<Func<T, UnitLabel>>(new Substitution(label.Parameters[0], unitId.Body).Visit(label.Body), unitId.Parameters);
    }

    /// <summary>Puts an expression where a parameter stood.</summary>
    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}

/// <summary>The labels of units, for representations that show a unit by id and name.</summary>
public sealed class UnitNameLookup(PolicyDbContext db)
{
    /// <summary>Labels of the given units (of <paramref name="region"/> only, when given), in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, UnitLabel>> LabelsAsync(IEnumerable<Guid> unitIds, CancellationToken cancellationToken, string? region = null)
    {
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, UnitLabel>();
        }

        return await db.Units.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && (region == null || u.Region == region))
            .ToDictionaryAsync(u => u.Id, u => new UnitLabel(u.Name, u.Version), cancellationToken);
    }
}
