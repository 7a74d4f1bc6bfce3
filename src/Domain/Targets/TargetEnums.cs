using System.Text.Json.Serialization;

namespace PolicyApi.Domain.Targets;

/// <summary>How the target compares: 以上/不少于/不低于 → at least, 不超过/以内 → at most.</summary>
public enum Comparator
{
    [JsonStringEnumMemberName(">=")]
    AtLeast,

    [JsonStringEnumMemberName("<=")]
    AtMost,

    [JsonStringEnumMemberName("=")]
    Exactly,
}

public enum TargetDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>How the values of successive reports make up the actual.</summary>
public enum Accumulation
{
    /// <summary>Each report states the total to date (实际利用外资累计); a unit's actual is its latest report, units add up.</summary>
    Cumulative,

    /// <summary>Each report states what was added in its period; the actual is their sum.</summary>
    Increments,

    /// <summary>Each accepted report is one event (一次招商活动); the actual is how many there are.</summary>
    Count,

    /// <summary>Each report states a level (落地率, 审批时限); the actual is the latest one and levels do not add up.</summary>
    Level,
}

/// <summary>Whom the target binds: the region as a whole, or each unit of a set on its own (每个县区不少于4次).</summary>
public enum TargetScope
{
    Region,
    EachUnit,
}

/// <summary>How a target's figures add up, as its unit of measure tells (a document rarely says it in words).</summary>
public static class Accumulations
{
    /// <summary>Rates, ranks and time limits are levels; numbers of events or projects are counts; amounts accumulate.</summary>
    public static Accumulation ForUnitOfMeasure(string unitOfMeasure) => unitOfMeasure switch
    {
        "%" or "工作日" or "天" or "小时" or "个百分点" or "位次" or "名" => Accumulation.Level,
        "次" or "场" or "个" or "家" or "项" or "批" or "件" or "户" or "人次" or "人" => Accumulation.Count,
        _ => Accumulation.Cumulative,
    };
}
