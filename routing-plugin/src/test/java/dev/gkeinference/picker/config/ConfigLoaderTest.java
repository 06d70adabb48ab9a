package dev.gkeinference.picker.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void shippedFilesMatchTheBuiltInConfigurations() {
        assertEquals(PickerConfig.tunedDefaults(), ConfigLoader.load(Path.of("config/default.yaml")));
        assertEquals(PickerConfig.upstreamDefaults(), ConfigLoader.load(Path.of("config/upstream-default.yaml")));
    }

    @Test
    void missingKeysKeepTheDefaults() {
        PickerConfig c = ConfigLoader.parse("scorers:\n  queue: 7\n", "t.yaml");
        assertEquals(7, c.weights().queue());
        assertEquals(PickerConfig.tunedDefaults().weights().prefix(), c.weights().prefix());
        assertEquals(PickerConfig.tunedDefaults().picker(), c.picker());
        assertEquals(PickerConfig.tunedDefaults(), ConfigLoader.parse("", "empty.yaml"));
    }

    @Test
    void errorsNameTheKeyAndWhatIsAllowed() {
        String unknown = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.parse("scorers:\n  qeue: 1\n", "t.yaml")).getMessage();
        assertTrue(unknown.contains("scorers.qeue") && unknown.contains("allowed here: kvCache, lora, predictedTtft, prefillLoad, prefix, queue"), unknown);
        String range = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.parse("picker:\n  maxEndpoints: 0\n", "t.yaml")).getMessage();
        assertTrue(range.contains("picker.maxEndpoints is 0; allowed 1 to 16"), range);
        String type = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.parse("saturation:\n  filter: maybe\n", "t.yaml")).getMessage();
        assertTrue(type.contains("saturation.filter must be true or false"), type);
        String yaml = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.parse("scorers: [\n", "t.yaml")).getMessage();
        assertTrue(yaml.contains("not valid YAML"), yaml);
        String shape = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.parse("scorers: 3\n", "t.yaml")).getMessage();
        assertTrue(shape.contains("scorers must be a mapping"), shape);
    }
}
