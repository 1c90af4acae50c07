package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InitialImageTest {

    private final INDArray content = Nd4j.linspace(-100, 100, 3 * 8 * 6, DataType.DOUBLE).reshape(1, 3, 8, 6);

    @Test
    void noiseIsTheReferenceMixOfUniformNoiseAndContent() {
        double ratio = 0.6;
        INDArray noise = InitialImage.RANDOM.create(content, 0, 7, null);
        INDArray mixed = InitialImage.NOISE.create(content, ratio, 7, null);
        for (int i = 0; i < content.length(); i++) {
            double expected = ratio * noise.getDouble(i) + (1 - ratio) * content.getDouble(i);
            assertEquals(expected, mixed.getDouble(i), 1e-9);
        }
    }

    @Test
    void randomIsUniformInPlusMinus20AndSeeded() {
        INDArray a = InitialImage.RANDOM.create(content, 0, 7, null);
        INDArray b = InitialImage.RANDOM.create(content, 0, 7, null);
        INDArray c = InitialImage.RANDOM.create(content, 0, 8, null);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.maxNumber().doubleValue() < 20 && a.minNumber().doubleValue() >= -20);
        assertTrue(a.maxNumber().doubleValue() > 15 && a.minNumber().doubleValue() < -15, "spread over the range");
        assertEquals(0, a.meanNumber().doubleValue(), 3);
    }

    @Test
    void contentAndImageStartsAreCopies() {
        INDArray start = InitialImage.CONTENT.create(content, 0.6, 0, null);
        assertEquals(content, start);
        start.addi(1);
        assertNotEquals(content, start);
        INDArray picture = content.mul(0.5);
        assertEquals(picture, InitialImage.IMAGE.create(content, 0.6, 0, picture));
        assertThrows(InputException.class, () -> InitialImage.IMAGE.create(content, 0.6, 0, null));
    }

    @Test
    void parsesTheCliNames() {
        assertEquals(InitialImage.NOISE, InitialImage.parse("noise"));
        InputException e = assertThrows(InputException.class, () -> InitialImage.parse("white"));
        assertTrue(e.getMessage().contains("noise, content, random or image"));
    }
}
