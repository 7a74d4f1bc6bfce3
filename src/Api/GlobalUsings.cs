// The namespaces nearly every use case file needs (request, validator, handler, endpoint), imported once.
global using System.Text.Json.Serialization;
global using FluentValidation;
global using MediatR;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
global using PolicyApi.Api.Application;
global using PolicyApi.Api.Http;
global using PolicyApi.Api.Security;
global using PolicyApi.Domain.Common;
global using PolicyApi.Infrastructure.Persistence;
