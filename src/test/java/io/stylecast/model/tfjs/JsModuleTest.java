package io.stylecast.model.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsModuleTest {

    @Test
    void minifiedObjectLiteralBecomesJson() {
        String module = "!function(a){}({1:[function(a,n,i){n.exports={a:!0,b:[.5,-.25,1e-3,2],c:\"x:!1 .5\","
                + "d:null,e:{f_g:!1}}},{}]},{},[1])(1)});";
        JsonNode json = JsModule.exportedObject(module);
        assertEquals(true, json.get("a").asBoolean());
        assertEquals(0.5, json.get("b").get(0).asDouble(), 0);
        assertEquals(-0.25, json.get("b").get(1).asDouble(), 0);
        assertEquals(1e-3, json.get("b").get(2).asDouble(), 0);
        assertEquals("x:!1 .5", json.get("c").asText());
        assertEquals(true, json.get("d").isNull());
        assertEquals(false, json.get("e").get("f_g").asBoolean(true));
    }

    @Test
    void shardModuleExportsBase64() {
        assertEquals("AAEC/w==", JsModule.exportedString("x({1:[function(d,h,Z){h.exports=\"AAEC/w==\"},{}]})"));
    }
}
