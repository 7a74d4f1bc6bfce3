// The namespaces nearly every use case file needs (request, validator, handler, endpoint), imported once.
global using System.Text.Json.Serialization;
global using FluentValidation;
global using MediatR;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
global using PolicyApi.Api.Application;
global using PolicyApi.Api.Http;
global using PolicyApi.Api.Security;
global using PolicyApi.Infrastructure.Persistence;

// The domain's aggregates and the feature areas: use cases, the route table and the OpenAPI examples reach across them.
global using PolicyApi.Api.Features.Assignments;
global using PolicyApi.Api.Features.Auditing;
global using PolicyApi.Api.Features.Changes;
global using PolicyApi.Api.Features.Chapters;
global using PolicyApi.Api.Features.Documents;
global using PolicyApi.Api.Features.Exports;
global using PolicyApi.Api.Features.Importing;
global using PolicyApi.Api.Features.Measures;
global using PolicyApi.Api.Features.Reports;
global using PolicyApi.Api.Features.Supervision;
global using PolicyApi.Api.Features.Targets;
global using PolicyApi.Api.Features.Units;
global using PolicyApi.Domain.Common;
global using PolicyApi.Domain.Documents;
global using PolicyApi.Domain.Importing;
global using PolicyApi.Domain.Reports;
global using PolicyApi.Domain.Supervision;
global using PolicyApi.Domain.Targets;
global using PolicyApi.Domain.Units;
