package cn.degreehub;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.conformance.ConformanceCheck;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DegreeHubApplication {

    public static void main(String[] args) {
        // dates of the degree business are China dates, whatever the host's zone
        TimeZone.setDefault(TimeZone.getTimeZone(ChinaTime.ZONE));
        // the partner conformance checker runs from the same jar, without starting the hub (docs/partners/README.md)
        if (ConformanceCheck.requested(args)) {
            ConformanceCheck.main(args);
            return;
        }
        SpringApplication.run(DegreeHubApplication.class, args);
    }
}
