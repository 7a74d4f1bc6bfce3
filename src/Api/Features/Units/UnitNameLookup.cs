using Microsoft.EntityFrameworkCore;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Units;

/// <summary>The names of units, for representations that show a unit by id and name.</summary>
public sealed class UnitNameLookup(PolicyDbContext db)
{
    /// <summary>Names of the given units (of <paramref name="region"/> only, when given), in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> unitIds, CancellationToken cancellationToken, string? region = null)
    {
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        return await db.Units.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && (region == null || u.Region == region))
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
    }
}
