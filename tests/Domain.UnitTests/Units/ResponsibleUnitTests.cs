using PolicyApi.Domain.Common;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.UnitTests.Units;

public sealed class ResponsibleUnitTests
{
    [Fact]
    public void Register_RecordsNameShortNameAndAliasesEachOnce()
    {
        var unit = ResponsibleUnit.Register("连云港市", new UnitDetails("市发展和改革委员会", "市发改委", UnitKind.Department, ["市发展改革委", "市发改委", " 市发展改革委"]));

        Assert.Equal(["市发展改革委"], unit.Aliases);
        Assert.Equal(3, unit.Names.Count);
        Assert.All(unit.Names, n => Assert.Equal("连云港市", n.Region));
    }

    [Fact]
    public void Revise_ReplacesAliasesAndBumpsTheVersion()
    {
        var unit = ResponsibleUnit.Register("连云港经济技术开发区", new UnitDetails("区自贸办", null, UnitKind.Department, ["自贸办"]));
        var version = unit.Version;

        unit.Revise(new UnitDetails("区自贸办", null, UnitKind.Department, ["区自貿办"]));

        Assert.Equal(["区自貿办"], unit.Aliases);
        Assert.True(unit.Version > version);
    }

    [Fact]
    public void PlaceUnder_ItsOwnSubUnit_IsNotPossible()
    {
        var government = ResponsibleUnit.Register("连云港市", new UnitDetails("连云区人民政府", null, UnitKind.DistrictGovernment, []));
        var office = ResponsibleUnit.Register("连云港市", new UnitDetails("连云区商务局", null, UnitKind.Department, []));
        office.PlaceUnder(government, _ => null);
        var parents = new Dictionary<Guid, Guid?> { [office.Id] = government.Id, [government.Id] = null };

        var error = Assert.Throws<DomainValidationException>(() => government.PlaceUnder(office, id => parents[id]));

        Assert.Equal("parentId", error.Field);
        Assert.Null(government.ParentId);
    }

    [Fact]
    public void PlaceUnder_AUnitOfAnotherRegion_IsNotPossible()
    {
        var unit = ResponsibleUnit.Register("连云港市", new UnitDetails("市商务局", null, UnitKind.Department, []));
        var dalian = ResponsibleUnit.Register("大连市", new UnitDetails("大连市人民政府", null, UnitKind.Other, []));

        Assert.Throws<DomainValidationException>(() => unit.PlaceUnder(dalian, _ => null));
    }

    [Fact]
    public void Register_WithoutAName_IsNotPossible() =>
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => ResponsibleUnit.Register("连云港市", new UnitDetails(" ", null, UnitKind.Department, []))).Field);
}
