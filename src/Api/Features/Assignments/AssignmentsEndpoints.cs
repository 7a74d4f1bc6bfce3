namespace PolicyApi.Api.Features.Assignments;

/// <summary>The routes of a measure's responsible units: /api/v1/measures/{measureId}/assignments.</summary>
public static class AssignmentsEndpoints
{
    public static IEndpointRouteBuilder MapAssignments(this IEndpointRouteBuilder app)
    {
        var assignments = app.MapGroup("/api/v1/measures/{measureId}/assignments").WithTags("Assignments");
        ListAssignmentsEndpoint.Map(assignments);
        AssignUnitEndpoint.Map(assignments);
        GetAssignmentEndpoint.Map(assignments);
        ChangeAssignmentRoleEndpoint.Map(assignments);
        RemoveAssignmentEndpoint.Map(assignments);

        return app;
    }
}
