namespace PolicyApi.Domain.Common;

/// <summary>Maximum lengths of text fields, shared by the domain guards, request validators and column definitions.</summary>
public static class TextLimits
{
    public const int Title = 500;
    public const int FileName = 255;
    public const int DocNumber = 100;
    public const int Issuer = 200;
    public const int Region = 100;
    public const int BasisDocument = 500;
    public const int BasisDocumentCount = 50;
    public const int Label = 50;
    public const int MeasureTitle = 500;
    public const int Body = 20_000;
    public const int Deadline = 100;
    public const int UnitName = 200;
    public const int AliasCount = 50;
    public const int BlanketAssignmentText = 200;
    public const int Indicator = 200;
    public const int TargetText = 1000;
    public const int UnitOfMeasure = 20;
    public const int Narrative = 10_000;
    public const int ReturnReason = 2000;
    public const int EvidenceLink = 2000;
    public const int EvidenceLinkCount = 20;

    /// <summary>Who did something: a token's subject, as kept beside what it did.</summary>
    public const int Subject = 200;

    /// <summary>A reporting period's code: 2021, 2021-H1, 2021-Q3, 2021-M05, 2021-W07.</summary>
    public const int PeriodCode = 10;
}
