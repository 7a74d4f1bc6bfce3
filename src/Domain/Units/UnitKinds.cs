namespace PolicyApi.Domain.Units;

/// <summary>A unit's kind as its name says, for units an import registers without one.</summary>
public static class UnitKinds
{
    /// <summary>人民政府, 区/县/市政府, 东兴市, 街道 → district government; 海关/税务/人民银行 → vertically managed agency; 法院 → court; 协会/商会 → association; 开发区/管委会 → functional zone; 局/委/办 → department.</summary>
    public static UnitKind Guess(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ContainsAny(name, "法院"))
        {
            return UnitKind.Court;
        }

        if (ContainsAny(name, "海关", "税务", "人民银行", "银保监", "证监", "外汇管理", "海事") || name.StartsWith("人行", StringComparison.Ordinal))
        {
            return UnitKind.VerticalAgency;
        }

        if (ContainsAny(name, "贸促会", "工商联", "协会", "商会", "侨联"))
        {
            return UnitKind.Association;
        }

        if (EndsWithAny(name, "新区", "经济区", "开发区", "管委会", "片区", "合作创新区", "商务区") || ContainsAny(name, "功能板块"))
        {
            return UnitKind.FunctionalZone;
        }

        // 东兴市 is a county-level city; 街道办事处 and 镇 are the local governments of a district or a zone.
        if (EndsWithAny(name, "人民政府", "区政府", "县政府", "市政府", "县", "街道", "街道办事处", "镇", "乡")
            || ((name.EndsWith('区') || name.EndsWith('市')) && !name.StartsWith('区') && !name.StartsWith('市') && name.Length <= 5))
        {
            return UnitKind.DistrictGovernment;
        }

        return EndsWithAny(name, "局", "委", "办", "厅", "部", "中心", "分局", "室") ? UnitKind.Department : UnitKind.Other;
    }

    private static bool ContainsAny(string name, params string[] parts) => parts.Any(p => name.Contains(p, StringComparison.Ordinal));

    private static bool EndsWithAny(string name, params string[] endings) => endings.Any(e => name.EndsWith(e, StringComparison.Ordinal));
}
