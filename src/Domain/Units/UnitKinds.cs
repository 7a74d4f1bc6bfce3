namespace PolicyApi.Domain.Units;

/// <summary>A unit's kind as its name says, for units an import registers without one.</summary>
public static class UnitKinds
{
    /// <summary>人民政府 → district government; 海关/税务/人民银行 → vertically managed agency; 法院 → court; 协会/商会 → association; 开发区/管委会 → functional zone; 局/委/办 → department.</summary>
    public static UnitKind Guess(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains("法院", StringComparison.Ordinal))
        {
            return UnitKind.Court;
        }

        if (name.Contains("海关", StringComparison.Ordinal) || name.Contains("税务", StringComparison.Ordinal) || name.Contains("人民银行", StringComparison.Ordinal)
            || name.StartsWith("人行", StringComparison.Ordinal) || name.Contains("银保监", StringComparison.Ordinal) || name.Contains("证监", StringComparison.Ordinal)
            || name.Contains("外汇管理", StringComparison.Ordinal) || name.Contains("海事", StringComparison.Ordinal))
        {
            return UnitKind.VerticalAgency;
        }

        if (name.Contains("贸促会", StringComparison.Ordinal) || name.Contains("工商联", StringComparison.Ordinal) || name.Contains("协会", StringComparison.Ordinal)
            || name.Contains("商会", StringComparison.Ordinal) || name.Contains("侨联", StringComparison.Ordinal))
        {
            return UnitKind.Association;
        }

        if (name.EndsWith("新区", StringComparison.Ordinal) || name.EndsWith("经济区", StringComparison.Ordinal) || name.EndsWith("开发区", StringComparison.Ordinal)
            || name.EndsWith("管委会", StringComparison.Ordinal) || name.EndsWith("片区", StringComparison.Ordinal) || name.EndsWith("合作创新区", StringComparison.Ordinal)
            || name.EndsWith("商务区", StringComparison.Ordinal) || name.Contains("功能板块", StringComparison.Ordinal))
        {
            return UnitKind.FunctionalZone;
        }

        if (name.EndsWith("人民政府", StringComparison.Ordinal) || name.EndsWith("区政府", StringComparison.Ordinal) || name.EndsWith("县政府", StringComparison.Ordinal)
            || (name.EndsWith('区') && !name.StartsWith('区') && name.Length <= 5) || name.EndsWith('县'))
        {
            return UnitKind.DistrictGovernment;
        }

        return name.EndsWith('局') || name.EndsWith('委') || name.EndsWith('办') || name.EndsWith('厅') || name.EndsWith('部')
            || name.EndsWith("中心", StringComparison.Ordinal) || name.EndsWith("分局", StringComparison.Ordinal) || name.EndsWith('室')
            ? UnitKind.Department
            : UnitKind.Other;
    }
}
