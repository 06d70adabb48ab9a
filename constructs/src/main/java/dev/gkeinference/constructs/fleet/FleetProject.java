package dev.gkeinference.constructs.fleet;

/**
 * The fleet host project: its id names the Workload Identity pool, its number names the service agents.
 *
 * @param projectId     the project id
 * @param projectNumber the project number (usually a token from a {@code google_project} data source)
 */
public record FleetProject(String projectId, String projectNumber) {
    public FleetProject {
        if (projectId == null || projectId.isBlank() || projectNumber == null || projectNumber.isBlank()) {
            throw new IllegalArgumentException("a fleet project needs an id and a number, got id '" + projectId
                    + "', number '" + projectNumber + "'");
        }
    }
}
