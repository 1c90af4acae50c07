package io.stylecast.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void aRoleIsReadByItsNameAndAnUnknownOneIsNamedBack() {
        for (Role role : Role.values()) {
            assertEquals(role, Role.of(role.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Role.of("painter"));
        assertEquals("cluster.role (--role) must be web, worker or all, got 'painter'", e.getMessage());
        assertTrue(Role.ALL.computes() && Role.ALL.serves());
        assertFalse(Role.WEB.computes());
        assertFalse(Role.WORKER.serves());
    }

    @Test
    void withoutAClusterANodeDoesEverything() {
        JsonObject config = SettingsFile.load(null, Map.of("STYLECAST_CLUSTER_ROLE", "worker"));
        assertEquals(Role.ALL, SettingsFile.bind(config).role());
        config.getJsonObject("cluster").put("enabled", true);
        assertEquals(Role.WORKER, SettingsFile.bind(config).role());
    }
}
