package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.InputException;

class MlComputeDeviceTest {

    @Test
    void cpuIsAlwaysThereAndAutoFallsBackToIt() {
        assertEquals(Device.cpu(), ComputeDevice.resolve(ComputeDevice.Choice.CPU));
        Device auto = ComputeDevice.resolve(ComputeDevice.Choice.AUTO);
        assertEquals(ComputeDevice.gpuCount() > 0, auto.isGpu());
        String text = ComputeDevice.describe();
        assertTrue(text.startsWith(auto.isGpu() ? "gpu (PyTorch 2.7.1 via DJL 0.36.0" : "cpu (PyTorch 2.7.1 via DJL 0.36.0"),
                text);
        assertTrue(text.contains("offline"), "DJL runs offline by default: " + text);
    }

    @Test
    void deviceWordsParseAndOthersAreInputErrors() {
        assertEquals(ComputeDevice.Choice.GPU, ComputeDevice.Choice.parse(" GPU "));
        assertEquals(ComputeDevice.Choice.AUTO, ComputeDevice.Choice.parse("auto"));
        InputException e = assertThrows(InputException.class, () -> ComputeDevice.Choice.parse("cuda"));
        assertEquals("--device must be auto, cpu or gpu, got 'cuda'", e.getMessage());
    }
}
