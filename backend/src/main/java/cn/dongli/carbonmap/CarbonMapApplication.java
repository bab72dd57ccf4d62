package cn.dongli.carbonmap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** CarbonMap (东丽区碳汇与空间规划一张图): the spatial layers and carbon-peak indicators of Dongli District. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CarbonMapApplication {

    public static void main(String[] args) {
        SpringApplication.run(CarbonMapApplication.class, args);
    }
}
